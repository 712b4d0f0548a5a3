#!/usr/bin/env python3
"""Makes the damaged files of testdata/corrupt/ from committed clips (deterministic: fixed seeds).

Run from anywhere: python3 testdata/make_corrupt.py. The expected outcome of each file is recorded in
testdata/corrupt/expected.tsv (kept by hand: it is what the decoder must do, checked by
CorruptCorpusTest); this script only writes the damaged files.
"""
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'corrupt')


def read(name):
    with open(os.path.join(HERE, 'videos', name), 'rb') as f:
        return bytearray(f.read())


def boxes(data, start=0, end=None, path=''):
    """Yields (path, offset, size, header) for every box, descending into container boxes."""
    containers = {b'moov', b'trak', b'mdia', b'minf', b'stbl', b'edts', b'dinf', b'mvex', b'moof', b'traf'}
    end = len(data) if end is None else end
    pos = start
    while pos + 8 <= end:
        size, typ = struct.unpack('>I4s', data[pos:pos + 8])
        header = 8
        if size == 1:
            size = struct.unpack('>Q', data[pos + 8:pos + 16])[0]
            header = 16
        elif size == 0:
            size = end - pos
        p = path + '/' + typ.decode('latin1')
        yield p, pos, size, header
        if typ in containers:
            yield from boxes(data, pos + header, pos + size, p)
        pos += size


def find(data, suffix):
    for p, off, size, header in boxes(data):
        if p.endswith(suffix):
            return off, size, header
    raise KeyError(suffix)


def write(name, data):
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(bytes(data))


def flip_mdat(src, name, seed, count):
    data = read(src)
    off, size, header = find(data, '/mdat')
    rnd = random.Random(seed)
    # Skip the first sample's first 64 bytes so that the IDR's slice header survives.
    for _ in range(count):
        pos = off + header + 64 + rnd.randrange(size - header - 64)
        data[pos] ^= 1 << rnd.randrange(8)
    write(name, data)


def main():
    os.makedirs(OUT, exist_ok=True)
    # Bit flips inside the coded frames of a CAVLC clip (CABAC damage can hang JCodec: KNOWN_ISSUES).
    flip_mdat('clips/baseline_cavlc.mp4', 'flip_cavlc_a.mp4', 1, 3)
    flip_mdat('clips/baseline_cavlc.mp4', 'flip_cavlc_b.mp4', 2, 20)
    flip_mdat('clips/baseline_cavlc.mp4', 'flip_cavlc_c.mp4', 3, 200)

    base = read('clips/main_cabac.mp4')
    # stsz sample count far larger than the box holds.
    d = bytearray(base)
    off, size, header = find(d, '/stsz')
    struct.pack_into('>I', d, off + header + 8, 0x7fffffff)
    write('stsz_count_huge.mp4', d)
    # moov declares a size past the end of the file.
    d = bytearray(base)
    off, size, header = find(d, '/moov')
    struct.pack_into('>I', d, off, len(d) * 4)
    write('moov_size_past_eof.mp4', d)
    # Media time scale of zero.
    d = bytearray(base)
    off, size, header = find(d, '/mdhd')
    version = d[off + header]
    struct.pack_into('>I', d, off + header + (20 if version == 1 else 12), 0)
    write('mdhd_timescale_zero.mp4', d)
    # First chunk offset points past the end of the file.
    d = bytearray(base)
    off, size, header = find(d, '/stco')
    struct.pack_into('>I', d, off + header + 8, len(d) + 1000)
    write('stco_past_eof.mp4', d)
    # SPS in avcC overwritten with garbage (length kept).
    d = bytearray(base)
    i = d.find(b'avcC')
    sps_len = struct.unpack('>H', d[i + 4 + 6:i + 4 + 8])[0]
    rnd = random.Random(4)
    for k in range(1, sps_len):
        d[i + 4 + 8 + k] = rnd.randrange(256)
    write('avcc_sps_garbage.mp4', d)
    # File cut in the middle of moov (moov is last in this file).
    d = bytearray(base)
    off, size, header = find(d, '/moov')
    write('moov_cut.mp4', d[:off + size // 2])
    # An stts that covers fewer samples than stsz declares.
    d = bytearray(base)
    off, size, header = find(d, '/stts')
    entries = struct.unpack('>I', d[off + header + 4:off + header + 8])[0]
    struct.pack_into('>I', d, off + header + 8, 1)  # first entry: sample_count 1
    write('stts_short.mp4', d)


if __name__ == '__main__':
    main()

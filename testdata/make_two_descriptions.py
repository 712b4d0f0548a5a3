#!/usr/bin/env python3
"""Joins two single-track H.264 MP4 files into one track with two sample descriptions.

    make_two_descriptions.py [--any-size] [--in-band] A.mp4 B.mp4 OUT.mp4

The output has one video track whose stsd holds A's and B's avc1 sample entries (each with its own avcC)
and whose stsc maps the first chunk (A's samples) to description 1 and the second chunk (B's samples) to
description 2: what joining recordings made with different encoder settings without re-encoding gives.
Both inputs must have the same picture size and media timescale, no composition offsets (no B-frames) and
plain (non-fragmented) sample tables; used by generate.sh for the clip two_descriptions.mp4. With --any-size
the picture sizes may differ (the tkhd gets A's): the refused input size_change.mp4. With --in-band both
sample entries become avc3 entries whose avcC holds no SPS and no PPS, and each input's parameter sets go in
band at the start of its first sample only (later key frames do not repeat them): the clip in_band_avc3.mp4.
"""
import struct
import sys


def boxes(data, start, end):
    """Yields (type, payload start, box end) of the boxes in data[start:end]."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack('>I4s', data[pos:pos + 8])
        header = 8
        if size == 1:
            size = struct.unpack('>Q', data[pos + 8:pos + 16])[0]
            header = 16
        elif size == 0:
            size = end - pos
        yield kind.decode('latin-1'), pos + header, pos + size, pos
        pos += size


def child(data, start, end, path):
    """The payload range of the box at the '/'-separated path under data[start:end]."""
    for name in path.split('/'):
        for kind, s, e, _ in boxes(data, start, end):
            if kind == name:
                start, end = s, e
                break
        else:
            raise SystemExit('no box ' + path)
    return start, end


def read_track(name):
    data = open(name, 'rb').read()
    moov = child(data, 0, len(data), 'moov')
    trak = child(data, *moov, 'trak')
    mdhd = child(data, *trak, 'mdia/mdhd')
    timescale = struct.unpack('>I', data[mdhd[0] + 12:mdhd[0] + 16])[0]
    tkhd = child(data, *trak, 'tkhd')
    width, height = struct.unpack('>II', data[tkhd[1] - 8:tkhd[1]])
    stbl = child(data, *trak, 'mdia/minf/stbl')
    tables = {kind: (s, e) for kind, s, e, _ in boxes(data, *stbl)}
    if 'ctts' in tables:
        raise SystemExit(name + ': has composition offsets (B-frames); not supported here')
    s, e = tables['stsd']
    entries = [data[b:e2] for _, _, e2, b in boxes(data, s + 8, e)]  # whole sample entry boxes
    if len(entries) != 1:
        raise SystemExit(name + ': expected one sample description')

    def words(kind, per):
        s, _ = tables[kind]
        n = struct.unpack('>I', data[s + 4:s + 8])[0]
        return [struct.unpack('>' + 'I' * per, data[s + 8 + 4 * per * i:s + 8 + 4 * per * (i + 1)]) for i in range(n)]

    s, _ = tables['stsz']
    uniform, count = struct.unpack('>II', data[s + 4:s + 12])
    sizes = [uniform] * count if uniform else list(struct.unpack('>' + 'I' * count, data[s + 12:s + 12 + 4 * count]))
    chunks = [c[0] for c in words('stco', 1)]
    stsc = words('stsc', 3)
    samples = []
    k = 0
    for i, (first, per, _) in enumerate(stsc):
        last = stsc[i + 1][0] - 1 if i + 1 < len(stsc) else len(chunks)
        for c in range(first, last + 1):
            off = chunks[c - 1]
            for _ in range(per):
                samples.append(data[off:off + sizes[k]])
                off += sizes[k]
                k += 1
    stts = words('stts', 2)
    stss = [x[0] for x in words('stss', 1)] if 'stss' in tables else None
    return dict(timescale=timescale, width=width, height=height, entry=entries[0], samples=samples, stts=stts,
                stss=stss)


VISUAL_ENTRY_FIELDS = 78  # bytes of a VisualSampleEntry between its box header and its child boxes


def in_band(entry, first_sample):
    """The avc3 form of an avc1 sample entry (avcC without parameter sets) and first_sample with the parameter
    sets of the entry's avcC in front of it, each preceded by its length as the avcC's NAL length size says."""
    head = 8 + VISUAL_ENTRY_FIELDS
    children = []
    prefix = b''
    for kind, s, e, b in boxes(entry, head, len(entry)):
        if kind != 'avcC':
            children.append(entry[b:e])
            continue
        c = entry[s:e]
        length_size = (c[4] & 3) + 1
        pos, sets = 6, []
        for count_mask in (0x1f, 0xff):  # the SPS count shares its byte with reserved bits, the PPS count does not
            n = c[pos - 1] & count_mask
            for _ in range(n):
                size = struct.unpack('>H', c[pos:pos + 2])[0]
                sets.append(c[pos + 2:pos + 2 + size])
                pos += 2 + size
            pos += 1
        extension = c[pos - 1:]  # what follows the PPS (High profiles' chroma format and bit depths)
        prefix = b''.join(len(x).to_bytes(length_size, 'big') + x for x in sets)
        children.append(box('avcC', c[:5], bytes([0xe0]), bytes([0]), extension))
    if not prefix:
        raise SystemExit('sample entry without avcC')
    return box('avc3', entry[8:head], *children), prefix + first_sample


def box(kind, *parts):
    payload = b''.join(parts)
    return struct.pack('>I4s', 8 + len(payload), kind.encode('latin-1')) + payload


def full(kind, version, flags, *parts):
    return box(kind, struct.pack('>I', (version << 24) | flags), *parts)


MATRIX = struct.pack('>9I', 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)


def main(a_name, b_name, out_name, any_size=False, in_band_sets=False):
    a, b = read_track(a_name), read_track(b_name)
    if in_band_sets:
        for t in (a, b):
            t['entry'], t['samples'][0] = in_band(t['entry'], t['samples'][0])
    if a['timescale'] != b['timescale']:
        raise SystemExit('the inputs differ in timescale')
    if not any_size and (a['width'], a['height']) != (b['width'], b['height']):
        raise SystemExit('the inputs differ in picture size (--any-size allows it)')
    ts = a['timescale']
    samples = a['samples'] + b['samples']
    na = len(a['samples'])
    stts = a['stts'] + b['stts']
    duration = sum(c * d for c, d in stts)
    # sync samples, 1-based; no stss means every sample is one
    sync = list(a['stss'] or range(1, na + 1)) + [s + na for s in (b['stss'] or range(1, len(b['samples']) + 1))]
    ftyp = box('ftyp', b'isom', struct.pack('>I', 512), b'isomiso2avc1mp41')
    mdat_payload = b''.join(samples)
    mdat = box('mdat', mdat_payload)
    first_chunk = len(ftyp) + 8
    second_chunk = first_chunk + sum(len(s) for s in a['samples'])
    stbl = box('stbl',
               full('stsd', 0, 0, struct.pack('>I', 2), a['entry'], b['entry']),
               full('stts', 0, 0, struct.pack('>I', len(stts)), *[struct.pack('>II', c, d) for c, d in stts]),
               full('stss', 0, 0, struct.pack('>I', len(sync)), *[struct.pack('>I', s) for s in sync]),
               full('stsc', 0, 0, struct.pack('>I', 2), struct.pack('>III', 1, na, 1),
                    struct.pack('>III', 2, len(b['samples']), 2)),
               full('stsz', 0, 0, struct.pack('>II', 0, len(samples)), *[struct.pack('>I', len(s)) for s in samples]),
               full('stco', 0, 0, struct.pack('>III', 2, first_chunk, second_chunk)))
    movie_ms = duration * 1000 // ts
    minf = box('minf', full('vmhd', 0, 1, bytes(8)),
               box('dinf', full('dref', 0, 0, struct.pack('>I', 1), full('url ', 0, 1))), stbl)
    mdia = box('mdia', full('mdhd', 0, 0, struct.pack('>IIIIHH', 0, 0, ts, duration, 0x55c4, 0)),
               full('hdlr', 0, 0, struct.pack('>I', 0), b'vide', bytes(12), b'VideoHandler\0'), minf)
    tkhd = full('tkhd', 0, 3, struct.pack('>IIIII', 0, 0, 1, 0, movie_ms), bytes(8), struct.pack('>hhhh', 0, 0, 0, 0),
                MATRIX, struct.pack('>II', a['width'], a['height']))
    mvhd = full('mvhd', 0, 0, struct.pack('>IIII', 0, 0, 1000, movie_ms), struct.pack('>IH', 0x10000, 0x100),
                bytes(10), MATRIX, bytes(24), struct.pack('>I', 2))
    moov = box('moov', mvhd, box('trak', tkhd, mdia))
    with open(out_name, 'wb') as f:
        f.write(ftyp + mdat + moov)


if __name__ == '__main__':
    args = sys.argv[1:]
    flags = [x for x in args if x.startswith('--')]
    args = [x for x in args if not x.startswith('--')]
    if len(args) != 3 or not set(flags) <= {'--any-size', '--in-band'}:
        raise SystemExit(__doc__)
    main(*args, any_size='--any-size' in flags, in_band_sets='--in-band' in flags)

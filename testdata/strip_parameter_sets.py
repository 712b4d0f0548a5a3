#!/usr/bin/env python3
"""Keeps only the first access unit's SPS and PPS of a raw H.264 Annex B stream (drops their later repeats).

Usage: strip_parameter_sets.py IN.h264 OUT.h264

FFmpeg's h264_mp4toannexb (and x264) put the SPS and PPS before every IDR picture; an encoder that changes its
parameter sets part way may give the new ones only once, where the change happens. Joining two streams treated
this way makes that stream (testdata clip size_change_once): a seek to a later key frame of the second part then
needs the parameter sets from the part's first key frame.
"""
import sys


def nal_units(data):
    """The NAL units of an Annex B byte string (start codes and trailing zero bytes removed)."""
    starts = []
    i = 0
    while True:
        j = data.find(b'\x00\x00\x01', i)
        if j < 0:
            break
        starts.append(j + 3)
        i = j + 3
    for k, s in enumerate(starts):
        end = starts[k + 1] - 3 if k + 1 < len(starts) else len(data)
        nal = data[s:end]
        while nal.endswith(b'\x00'):
            nal = nal[:-1]
        if nal:
            yield nal


def main():
    data = open(sys.argv[1], 'rb').read()
    out = bytearray()
    seen_slice = False
    for nal in nal_units(data):
        kind = nal[0] & 0x1f
        if kind in (1, 5):
            seen_slice = True
        if kind in (7, 8) and seen_slice:
            continue
        out += b'\x00\x00\x00\x01' + nal
    open(sys.argv[2], 'wb').write(out)


if __name__ == '__main__':
    main()

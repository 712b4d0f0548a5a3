#!/usr/bin/env python3
"""Writes testdata/reference/resize.md5: the md5 of FFmpeg's first RGB frame of a few clips (the committed
reference/*.f0.rgb.gz) resized by Pillow's Image.resize(size, filter) with each of Pillow's filters, for the
decoder's Transform.resize, which must give the same bytes.

Needs Pillow (pip install pillow); the project's build and tests do not: they read the md5 file.
Run from the repository root: python3 testdata/make_resize_refs.py
Line format: clip in_width in_height out_width out_height filter md5 (of the interleaved RGB output, row after
row); filter is the name shared by Pillow's Image.Resampling and the decoder's Transform.Interpolation.
"""
import gzip
import hashlib
import os

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = {
    # clip: (width, height), output sizes (width, height)
    "sample": ((640, 360), [(224, 224), (320, 180), (100, 57), (455, 256), (641, 361), (1280, 720),
                            (640, 200), (300, 360), (1, 1), (3, 1000), (17, 5), (398, 224)]),
    "odd_642x362": ((642, 362), [(224, 224), (321, 181), (1000, 500), (642, 100), (50, 362)]),
    "rotated90": ((240, 320), [(224, 224), (112, 150)]),
}

FILTERS = ["BILINEAR", "NEAREST", "BOX", "HAMMING", "BICUBIC", "LANCZOS"]


def main():
    lines = []
    for clip, ((w, h), sizes) in CASES.items():
        with gzip.open(os.path.join(HERE, "reference", clip + ".f0.rgb.gz")) as f:
            rgb = f.read()
        if len(rgb) != w * h * 3:
            raise SystemExit(f"{clip}: {len(rgb)} bytes, expected {w}x{h}x3")
        img = Image.frombytes("RGB", (w, h), rgb)
        for name in FILTERS:
            for ow, oh in sizes:
                out = img.resize((ow, oh), getattr(Image.Resampling, name)).tobytes()
                lines.append(f"{clip} {w} {h} {ow} {oh} {name} {hashlib.md5(out).hexdigest()}")
    with open(os.path.join(HERE, "reference", "resize.md5"), "w") as f:
        f.write("# written by testdata/make_resize_refs.py with Pillow " + Image.__version__ + "\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

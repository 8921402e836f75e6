#!/usr/bin/env python3
"""The smallest useful SRKit exec: model: Pillow's bicubic upscaling.

    bench score --model exec:'python3 Examples/exec-plugin/pillow_bicubic.py {input_dir} {output_dir} {scale}' \
        --protocol basicsr --datasets set5,set14 --scales 2,3,4

Replace `upscale` with a call to your network. The contract with bench:
  * input_dir holds one 8-bit PNG per LR image: RGB under --protocol basicsr, grey (the LR luma)
    under --protocol srcnn;
  * write one PNG per input to output_dir with the same file name (suffixes such as _x4, _SR or
    _rlt are accepted too), exactly scale times the LR size, with the same mode as the input;
  * exit non-zero on failure; what you print to stderr is shown to the user.
Needs Pillow (pip install pillow). Its scores equal `bench score --model pillow-bicubic`.
"""
import os
import sys

from PIL import Image


def upscale(image, scale):
    return image.resize((image.width * scale, image.height * scale), Image.BICUBIC)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: pillow_bicubic.py INPUT_DIR OUTPUT_DIR SCALE")
    input_dir, output_dir, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for name in sorted(os.listdir(input_dir)):
        if name.lower().endswith(".png"):
            with Image.open(os.path.join(input_dir, name)) as image:
                upscale(image, scale).save(os.path.join(output_dir, name))


if __name__ == "__main__":
    main()

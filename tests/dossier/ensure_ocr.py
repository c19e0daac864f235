"""Make sure Debian's Tesseract with its Simplified Chinese model, and a CJK font the OCR tests render pages with,
are installed; nothing is downloaded from elsewhere.

Run by `make test` (and `make ocr`) before pytest: as root it installs the packages with apt, otherwise it warns
(the OCR tests then skip themselves, and the platform says OCR is unavailable).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGES = ("tesseract-ocr", "tesseract-ocr-chi-sim", "fonts-wqy-zenhei")
MODEL = "chi_sim.traineddata"
FONT_DIRS = (Path("/usr/share/fonts/truetype/wqy"), Path("/usr/share/fonts/opentype/noto"))


def installed() -> bool:
    has_model = any(Path("/usr/share/tesseract-ocr").glob(f"*/tessdata/{MODEL}"))
    return shutil.which("tesseract") is not None and has_model and any(d.is_dir() for d in FONT_DIRS)


def main() -> int:
    if installed():
        return 0
    if os.geteuid() != 0:
        print(f"warning: Tesseract (Simplified Chinese) or a CJK font is missing and this is not root; OCR tests "
              f"will be skipped. Install them with: sudo apt-get install -y {' '.join(PACKAGES)}", file=sys.stderr)
        return 0
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", *PACKAGES], check=True, env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main())

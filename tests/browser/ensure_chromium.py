"""Make sure Debian's chromium is installed for the browser tests; a browser is never downloaded.

Run by `make test` before pytest: as root it installs the packages with apt, otherwise it warns
(the browser tests then skip themselves).
"""

import os
import subprocess
import sys
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
PACKAGES = ("chromium", "fonts-noto-cjk")  # fonts: the pages are Chinese


def main() -> int:
    if CHROMIUM.exists():
        return 0
    if os.geteuid() != 0:
        print(f"warning: {CHROMIUM} is missing and this is not root; the browser tests will be skipped. "
              f"Install it with: sudo apt-get install -y {' '.join(PACKAGES)}", file=sys.stderr)
        return 0
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", *PACKAGES], check=True, env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main())

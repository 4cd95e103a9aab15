#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Build every distribution's sdist and wheel into dist/release/, each wheel
# from its sdist (so an sdist that lacks a file fails here), then check them
# with `twine check --strict` and check that each distribution gave exactly
# one sdist and one wheel of the version its pyproject names. Uploading is
# left to a person: twine upload dist/release/*  (see docs/releasing.rst).
source "$(dirname "$0")/common.sh"
"$CI/setup.sh"

# build and twine live in a venv of their own, made here on first use
RELEASE_VENV="$ROOT/.venv/release"
if ! "$RELEASE_VENV/bin/python" -c 'import build, twine' 2>/dev/null; then
  rm -rf "$RELEASE_VENV"
  uv venv -q -p "$PYTHON" "$RELEASE_VENV"
  uv pip install -q -p "$RELEASE_VENV/bin/python" 'build>=1.2' 'twine>=6.1'
fi

OUT="$ROOT/dist/release"
rm -rf "$OUT"
mkdir -p "$OUT"
for dist in "${PACKAGES[@]}"; do
  echo "== $dist"
  "$RELEASE_VENV/bin/python" -m build -q --installer uv --outdir "$OUT" "packages/$dist"
done

"$RELEASE_VENV/bin/python" -m twine check --strict "$OUT"/*

# one sdist and one wheel per distribution, with the version of its pyproject
"$RELEASE_VENV/bin/python" - "$OUT" "${PACKAGES[@]}" <<'EOF'
import re, sys, tomllib
from pathlib import Path

out, dists = Path(sys.argv[1]), sys.argv[2:]
problems = []
for dist in dists:
    project = tomllib.loads(Path("packages", dist, "pyproject.toml").read_text())
    if "version" in project["project"]:
        version = project["project"]["version"]
    else:  # dynamic: hatch reads it from one file
        source = Path("packages", dist, project["tool"]["hatch"]["version"]["path"]).read_text()
        version = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", source, re.M).group(1)
    stem = dist.replace("-", "_")
    sdists = sorted(out.glob(f"{stem}-*.tar.gz"))
    wheels = sorted(out.glob(f"{stem}-*.whl"))
    if [p.name for p in sdists] != [f"{stem}-{version}.tar.gz"]:
        problems.append(f"{dist}: sdists {[p.name for p in sdists]}, expected {stem}-{version}.tar.gz")
    if len(wheels) != 1 or not wheels[0].name.startswith(f"{stem}-{version}-"):
        problems.append(f"{dist}: wheels {[p.name for p in wheels]}, expected one of version {version}")
    print(f"{dist} {version}: {', '.join(p.name for p in sdists + wheels)}")
    urls = project["project"].get("urls", {})
    if any(".invalid" in url for url in urls.values()):
        print(f"  note: {dist}'s project URLs are placeholders (*.invalid): set the real ones before uploading")
if problems:
    sys.exit("ci/release.sh: " + "; ".join(problems))
EOF
echo "ci/release.sh: every distribution built into dist/release/ and passed twine check"

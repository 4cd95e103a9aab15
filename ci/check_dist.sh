#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Check the artifacts of ci/build.sh in dist/release/: `twine check --strict`,
# and exactly one sdist and one wheel per distribution, of the version its
# pyproject names.
source "$(dirname "$0")/common.sh"
"$CI/setup.sh"
[ -d "$DIST" ] || { echo "ci/check_dist.sh: no $DIST: run ci/build.sh first" >&2; exit 1; }
"$RELEASE_VENV/bin/python" -m twine check --strict "$DIST"/*

# one sdist and one wheel per distribution, with the version of its pyproject
"$RELEASE_VENV/bin/python" - "$DIST" "${PACKAGES[@]}" <<'EOF'
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
    sys.exit("ci/check_dist.sh: " + "; ".join(problems))
EOF
echo "ci/check_dist.sh: every distribution built into dist/release/ and passed twine check"

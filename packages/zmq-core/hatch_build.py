# SPDX-License-Identifier: BSD-3-Clause
"""Hatchling build hook: compile zmq-core's Cython modules against libzmq.

libzmq is found through ``ZMQ_PREFIX`` (a prefix with include/zmq.h and
lib/libzmq.so) or else pkg-config. Wheels get the compiled modules through
``force_include`` and a platform tag; editable installs get them compiled in
place next to their sources (skipped when already up to date).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sysconfig
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: extension module name → Cython source, relative to the project root
EXTENSIONS = {"zmq.core._zmq": "src/zmq/core/_zmq.pyx"}
MIN_LIBZMQ = "4.3.0"

INSTALL_HELP = f"""\
zmq-core needs libzmq >= {MIN_LIBZMQ} and its headers to build.
  Debian/Ubuntu: apt-get install libzmq3-dev pkg-config
  Fedora/RHEL:   dnf install zeromq-devel pkgconf-pkg-config
  macOS:         brew install zeromq pkg-config
For a libzmq installed under a custom prefix (PREFIX/include/zmq.h,
PREFIX/lib/libzmq.so), set ZMQ_PREFIX=PREFIX before building."""


class LibzmqNotFound(RuntimeError):
    """libzmq (headers and library) could not be located."""


def _pkg_config(*args: str) -> str:
    return subprocess.run(
        ["pkg-config", *args, "libzmq"], check=True, capture_output=True, text=True
    ).stdout.strip()


def find_libzmq() -> dict[str, list[str]]:
    """Compiler settings for libzmq: include_dirs, library_dirs, libraries, runtime_library_dirs."""
    prefix = os.environ.get("ZMQ_PREFIX")
    if prefix:
        root = Path(prefix).expanduser().resolve()
        if not (root / "include" / "zmq.h").is_file():
            raise LibzmqNotFound(f"ZMQ_PREFIX={prefix}: no include/zmq.h there.\n{INSTALL_HELP}")
        lib_dirs = [str(d) for d in (root / "lib", root / "lib64") if d.is_dir()]
        return {
            "include_dirs": [str(root / "include")],
            "library_dirs": lib_dirs,
            "libraries": ["zmq"],
            "runtime_library_dirs": lib_dirs,
        }
    if shutil.which("pkg-config") is None:
        raise LibzmqNotFound(f"pkg-config is not installed.\n{INSTALL_HELP}")
    try:
        _pkg_config(f"--atleast-version={MIN_LIBZMQ}")
    except subprocess.CalledProcessError:
        raise LibzmqNotFound(
            f"pkg-config finds no libzmq >= {MIN_LIBZMQ}.\n{INSTALL_HELP}"
        ) from None
    cflags = shlex.split(_pkg_config("--cflags-only-I"))
    libs = shlex.split(_pkg_config("--libs"))
    return {
        "include_dirs": [flag[2:] for flag in cflags if flag.startswith("-I")],
        "library_dirs": [flag[2:] for flag in libs if flag.startswith("-L")],
        "libraries": [flag[2:] for flag in libs if flag.startswith("-l")],
        "runtime_library_dirs": [],
    }


def _newest_source_mtime(root: Path) -> float:
    sources = [root / "hatch_build.py"]
    for pattern in ("*.pyx", "*.pxd", "*.pxi", "*.h"):
        sources.extend((root / "src" / "zmq").rglob(pattern))
    return max(path.stat().st_mtime for path in sources)


def compile_extensions(root: Path, build_lib: Path, inplace: bool) -> dict[str, Path]:
    """Cythonize and compile EXTENSIONS; returns module name → built file."""
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension

    libzmq = find_libzmq()
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    targets = {
        name: (root / "src" / Path(*name.split("."))).with_name(name.split(".")[-1] + suffix)
        if inplace
        else build_lib / Path(*name.split(".")).with_name(name.split(".")[-1] + suffix)
        for name in EXTENSIONS
    }
    if inplace and all(path.exists() for path in targets.values()):
        newest = _newest_source_mtime(root)
        if all(path.stat().st_mtime >= newest for path in targets.values()):
            return targets

    libzmq["include_dirs"] = [str(root / "src" / "zmq" / "core"), *libzmq["include_dirs"]]
    extensions = [
        Extension(name, [str(root / source)], **libzmq) for name, source in EXTENSIONS.items()
    ]
    modules = cythonize(
        extensions,
        build_dir=str(root / "build" / "cython"),
        include_path=[str(root / "src")],
        compiler_directives={"language_level": "3"},
        quiet=True,
    )
    dist = Distribution({"name": "zmq-core", "ext_modules": modules})
    dist.package_dir = {"": str(root / "src")}
    command = dist.get_command_obj("build_ext")
    command.build_lib = str(build_lib)
    command.build_temp = str(root / "build" / "temp")
    command.inplace = False
    command.ensure_finalized()
    command.run()
    for name, target in targets.items():
        built = build_lib / Path(*name.split(".")).with_name(name.split(".")[-1] + suffix)
        if inplace:
            # a new file renamed over the old one: processes that have the old
            # extension loaded keep their mapping (copying in place crashes them)
            staging = Path(str(target) + ".new")
            shutil.copy2(built, staging)
            os.replace(staging, target)
    return targets


class CythonBuildHook(BuildHookInterface):
    """Compiles the core's extension modules for wheel and editable builds."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        editable = version == "editable"
        build_lib = root / "build" / "lib"
        try:
            built = compile_extensions(root, build_lib, inplace=editable)
        except LibzmqNotFound as error:
            raise SystemExit(f"\nzmq-core build failed: {error}\n") from None
        if not editable:
            for name, path in built.items():
                relative = Path(*name.split(".")).with_name(path.name)
                build_data["force_include"][str(path)] = str(relative)


if __name__ == "__main__":
    # `hatch run rebuild`: recompile the editable install's extension after
    # editing a .pyx/.pxd/.pxi (hatch itself only builds at install time)
    project = Path(__file__).resolve().parent
    compile_extensions(project, project / "build" / "lib", inplace=True)

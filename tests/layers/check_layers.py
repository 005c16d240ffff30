#!/usr/bin/env python3
"""Fails when a source file includes from a layer above its own (docs/architecture.md).

The layers, lowest first. A file may include its own layer and the layers below it, never above:
engine/ knows nothing of schools, models/ looks only down through io -> chain -> measure ->
studies, and only serve/ and cli/ see everything.

    python3 tests/layers/check_layers.py [ROOT]      # check the tree (default: the repository)
    python3 tests/layers/check_layers.py --self-test # show that a wrong include is caught
"""
import pathlib
import re
import sys
import tempfile

# (folder prefix, rank). The longest matching prefix decides a file's layer.
LAYERS = [
    ("engine/", 0),
    ("system/", 1),
    ("models/io/", 2),
    ("models/chain/", 3),
    ("models/measure/", 4),
    ("models/studies/", 5),
    ("serve/", 6),
    ("cli/", 7),
    ("wasm/", 7),  # the WebAssembly entry points: beside cli/, the other way in
]
SOURCE_SUFFIXES = {".h", ".hpp", ".cpp"}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def layer_of(path):
    best = None
    for prefix, rank in LAYERS:
        if path.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, rank)
    return best


def violations(root):
    found = []
    for prefix, _ in LAYERS:
        folder = root / prefix
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob("*")):
            if file.suffix not in SOURCE_SUFFIXES:
                continue
            relative = file.relative_to(root).as_posix()
            own = layer_of(relative)
            if own[0] != prefix:
                continue  # a file of a sub-layer: checked under its own prefix
            for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                target = layer_of(match.group(1))
                if target is not None and target[1] > own[1]:
                    found.append(f"{relative}:{number}: includes {match.group(1)} ({target[0]}) from the lower layer {own[0]}")
    return found


def self_test():
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        (root / "engine").mkdir()
        (root / "models/studies").mkdir(parents=True)
        (root / "models/studies/run.h").write_text('#include "engine/rng.h"\n', encoding="utf-8")
        (root / "engine/rng.h").write_text("// clean\n", encoding="utf-8")
        if violations(root):
            print("self-test: a clean tree was refused")
            return 1
        (root / "engine/rng.h").write_text('#include "models/studies/run.h"\n', encoding="utf-8")
        if len(violations(root)) != 1:
            print("self-test: an engine file including models/ was not caught")
            return 1
    print("self-test: a wrong include is caught")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    root = pathlib.Path(argv[1] if len(argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
    found = violations(root)
    for line in found:
        print(line)
    print(f"layers: {len(found)} include(s) from a higher layer")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

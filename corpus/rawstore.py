"""Raw documents kept by content: one file per distinct sha256, never rewritten."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


class RawStore:
    """Files named by hash under `root/ab/<sha256>`; nothing from a URL reaches a path."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a sha256 digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> tuple[str, Path]:
        """Store the bytes once; the same bytes again write nothing."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            # write then rename: a crash never leaves a half-written file under the final name
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        return sha, target

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

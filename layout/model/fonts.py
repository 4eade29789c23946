"""The font manifest: which pinned file plays which role."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FontFace:
    role: str
    family: str
    style: str
    path: str  # absolute path of the pinned file
    postscript_name: str
    sha256: str


@dataclass(frozen=True)
class FontManifest:
    path: str
    faces: tuple[FontFace, ...]

    def face(self, role: str) -> FontFace:
        for face in self.faces:
            if face.role == role:
                return face
        raise KeyError(role)

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(face.role for face in self.faces)

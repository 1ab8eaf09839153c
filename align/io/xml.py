"""Safe parsing of untrusted XML (TMX, XLIFF): defusedxml refuses entity declarations
(billion laughs), external entities and DTD fetches; a plain ``<!DOCTYPE … SYSTEM …>``
is allowed and never fetched. Every failure is an InputError naming the file."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from align.errors import InputError


def parse_untrusted(path: str | Path, what: str) -> Any:
    """The root element of an untrusted XML file (xml.etree via defusedxml)."""
    import xml.etree.ElementTree as ET

    import defusedxml
    import defusedxml.ElementTree as DET

    name = str(path)
    try:
        return DET.parse(str(path), forbid_dtd=False, forbid_entities=True,
                         forbid_external=True).getroot()
    except FileNotFoundError:
        raise InputError(f"{name} does not exist") from None
    except IsADirectoryError:
        raise InputError(f"{name} is a directory; expected an {what} file") from None
    except defusedxml.EntitiesForbidden:
        raise InputError(f"{name}: refused, the file declares XML entities (entity "
                         f"expansion is not allowed in {what} input)") from None
    except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden):
        raise InputError(f"{name}: refused, the file refers to an external entity or "
                         "DTD") from None
    except ET.ParseError as e:
        line, col = getattr(e, "position", (0, 0))
        raise InputError(f"{name} is not well-formed XML (line {line}, column {col})") from None
    except OSError as e:
        raise InputError(f"{name} cannot be read: {e.strerror or e}") from None
    except (LookupError, ValueError, UnicodeError) as e:  # e.g. encoding='TF-8' declared
        raise InputError(f"{name} is not readable XML ({e})") from None


def local_name(tag: Any) -> str:
    """An element's tag without its ``{namespace}``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""

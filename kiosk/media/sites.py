"""Where on the body a photo was taken: a short coded list for the touch picker.

SNOMED CT body-structure concepts (``http://snomed.info/sct``), sent as ``Media.bodySite``
(fhir-mapping.md §3.5). The display is SNOMED's English preferred term; the nurse sees the
label ``media.site.{key}`` in her language (kiosk/i18n_media.py). A photo of a document or
a site not on the list has no body site; the note says what it shows.
"""

from __future__ import annotations

import dataclasses

from kiosk.errors import ValidationError

SNOMED = "http://snomed.info/sct"


@dataclasses.dataclass(frozen=True, slots=True)
class BodySite:
    key: str
    code: str
    display: str

    @property
    def label_key(self) -> str:
        return f"media.site.{self.key}"


#: In picker order: head to foot, then skin anywhere.
BODY_SITES: tuple[BodySite, ...] = (
    BodySite("head", "69536005", "Head structure"),
    BodySite("face", "89545001", "Face structure"),
    BodySite("eye", "81745001", "Eye structure"),
    BodySite("ear", "117590005", "Ear structure"),
    BodySite("mouth", "123851003", "Mouth region structure"),
    BodySite("throat", "54066008", "Pharyngeal structure"),
    BodySite("neck", "45048000", "Neck structure"),
    BodySite("chest", "51185008", "Thoracic structure"),
    BodySite("abdomen", "113345001", "Abdominal structure"),
    BodySite("back", "77568009", "Structure of back of trunk"),
    BodySite("arm", "53120007", "Upper limb structure"),
    BodySite("hand", "85562004", "Hand structure"),
    BodySite("leg", "61685007", "Lower limb structure"),
    BodySite("foot", "56459004", "Foot structure"),
    BodySite("skin", "39937001", "Skin structure"),
)
BY_KEY = {site.key: site for site in BODY_SITES}
BY_CODE = {site.code: site for site in BODY_SITES}


def body_site(key_or_code: str | None) -> BodySite | None:
    """The site for a picker key or a SNOMED code; None for none; unknown → refused."""
    if key_or_code is None or not key_or_code.strip():
        return None
    found = BY_KEY.get(key_or_code.strip()) or BY_CODE.get(key_or_code.strip())
    if found is None:
        raise ValidationError("media.bad_body_site", site=key_or_code[:40])
    return found

"""The visit window's parts by their old names (the one-screen quick visit had them all
at the top level): tests, the screenshot script and the start-up benchmark reach the
fields, tiles and buttons this way, wherever the shell now keeps them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ui.device_tile import BloodPressureTile, DeviceTile, ThermometerTile

if TYPE_CHECKING:
    from ui.screens.visit import VisitScreen
    from ui.screens.visit_footer import VisitFooter


class VisitParts:
    visit_screen: VisitScreen
    footer: VisitFooter
    current: Any  # the shell's page name

    @property
    def showing_camera(self) -> bool:
        return bool(self.current == "camera")

    @property
    def family(self) -> Any:
        return self.visit_screen.patient.family

    @property
    def given(self) -> Any:
        return self.visit_screen.patient.given

    @property
    def birth_date(self) -> Any:
        return self.visit_screen.patient.birth_date

    @property
    def family_label(self) -> Any:
        return self.visit_screen.patient.family_label

    @property
    def tile(self) -> DeviceTile:
        return self.visit_screen.tiles["oximeter"]  # type: ignore[return-value]

    @property
    def bp_tile(self) -> BloodPressureTile:
        return self.visit_screen.tiles["bp"]  # type: ignore[return-value]

    @property
    def thermometer_tile(self) -> ThermometerTile:
        return self.visit_screen.tiles["thermometer"]  # type: ignore[return-value]

    @property
    def tiles(self) -> dict[str, Any]:
        """The tiles on the device section (a scale's or glucose meter's once it reports)."""
        return {k: t for k, t in self.visit_screen.tiles.items() if not t.isHidden()}

    @property
    def message(self) -> Any:
        return self.footer.message

    @property
    def save_button(self) -> Any:
        return self.footer.save

    @property
    def review_button(self) -> Any:
        return self.footer.review

    @property
    def add_photo_button(self) -> Any:
        return self.footer.add_photo

    @property
    def photo_count(self) -> Any:
        return self.footer.photo_count

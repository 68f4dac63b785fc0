"""Named save slots: save the game in play, load or delete a slot.

A damaged save is listed with what is wrong with it; it is never
overwritten (the store sets it aside), and its backup is offered.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from trustquest.tui import messages
from trustquest.tui.literal import assemble, field, literal, styled
from trustquest.tui.widgets.line_input import LineInput
from trustquest.tui.widgets.wrapped_list import WrappedOptionList


def when(saved_at: str) -> str:
    try:
        return datetime.fromisoformat(saved_at).astimezone().strftime("%Y-%m-%d %H:%M")
    except (ValueError, TypeError):
        return saved_at


def slot_prompt(info) -> Content:
    if not info.ok:
        return assemble(("⚠ ", "bold"), (field(info.name), "bold"), "  damaged: cannot be loaded")
    where = "finished" if info.ended else f"choice {info.turn + 1}"
    if info.mode == "hotseat":
        where = f"together, {where}"
    label = info.label if info.label and info.label != info.scenario_title else ""
    return assemble(
        (field(info.name), "bold"),
        f"  {label + ' · ' if label else ''}{info.scenario_title}, {where}",
        (f"  · {when(info.saved_at)}", "dim"),
    )


class SavesScreen(ModalScreen):
    """Save and load (with a game in play), or load only (from the title)."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("delete", "delete", "Delete", show=False),
    ]

    def __init__(self, game=None):
        super().__init__(classes="dialog-screen")
        self.game = game
        self.slots = []

    def compose(self) -> ComposeResult:
        title = "Save or load" if self.game is not None else "Load a saved game"
        with Vertical(classes="dialog -wide", id="saves-dialog"):
            yield Static(literal(title), classes="dialog-title")
            yield WrappedOptionList(id="slots", markup=False)
            yield Static(id="slot-detail")
            if self.game is not None:
                with Horizontal(id="save-row"):
                    yield LineInput(
                        placeholder="type a name, then Enter to save",
                        id="slot-name",
                        max_length=40,
                        compact=True,
                    )
                    yield Button("Save", id="save", variant="primary", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Load", id="load", variant="success", compact=True)
                yield Button("Load backup", id="load-bak", compact=True)
                yield Button("Delete", id="delete", variant="error", compact=True)
                yield Button("Close", id="close", compact=True)

    def on_mount(self) -> None:
        self.refresh_slots()
        if self.game is not None:
            self.query_one("#slot-name", LineInput).focus()
        else:
            self.query_one("#slots", OptionList).focus()

    def refresh_slots(self) -> None:
        self.slots = self.app.store.slots()
        slots = self.query_one("#slots", OptionList)
        slots.clear_options()
        slots.add_options(
            Option(slot_prompt(info), id=f"slot-{i}") for i, info in enumerate(self.slots)
        )
        if self.slots:
            slots.highlighted = 0
        self.show_detail()

    def selected(self):
        index = self.query_one("#slots", OptionList).highlighted
        if index is None or index >= len(self.slots):
            return None
        return self.slots[index]

    def show_detail(self) -> None:
        detail = self.query_one("#slot-detail", Static)
        info = self.selected()
        has_bak = bool(info) and self.app.store.exists(info.name, backup=True)
        self.query_one("#load", Button).disabled = info is None or not info.ok
        self.query_one("#load-bak", Button).disabled = not has_bak
        self.query_one("#delete", Button).disabled = info is None
        if info is None:
            detail.update(literal(f"No saves yet in {self.app.saves}."))
        elif not info.ok:
            text = f"{info.problem}. It will not be overwritten."
            if has_bak:
                text += " Its previous version (.bak) can be loaded."
            detail.update(styled(text, "bold"))
        else:
            back = " Its previous version is kept as a backup." if has_bak else ""
            detail.update(literal(f"Load (or Enter on the list) opens '{field(info.name)}'.{back}"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.load(backup=False)

    def on_input_submitted(self, event: LineInput.Submitted) -> None:
        event.stop()
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        bid = event.button.id
        if bid == "save":
            self.save()
        elif bid == "load":
            self.load(backup=False)
        elif bid == "load-bak":
            self.load(backup=True)
        elif bid == "delete":
            self.action_delete()
        elif bid == "close":
            self.action_close()

    def save(self) -> None:
        from trustquest.errors import SaveError
        from trustquest.saves import AUTOSAVE, slot_name

        if self.game is None:
            return
        raw = self.query_one("#slot-name", LineInput).value.strip()
        detail = self.query_one("#slot-detail", Static)
        try:
            name = slot_name(raw)
            if name == AUTOSAVE:
                raise SaveError("'autosave' is kept for the automatic save; pick another name")
            replacing = self.app.store.exists(name)
            self.app.store.write(name, self.game, label=raw)
        except SaveError as exc:
            detail.update(styled(f"Not saved: {exc}.", "bold"))
            return
        extra = " (the previous save is kept as a backup)" if replacing else ""
        self.app.notify(f"Saved as '{name}'{extra}.", title="Saved")
        self.app.tell_save_notices()
        self.dismiss()

    def load(self, backup: bool) -> None:
        info = self.selected()
        if info is None:
            return
        if not info.ok and not backup:
            self.show_detail()
            self.app.bell()
            return
        self.app.load_slot(info.name, backup=backup)

    def action_delete(self) -> None:
        info = self.selected()
        if info is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.store.delete(info.name)
                self.refresh_slots()

        self.post_message(
            messages.Confirm(
                f"Delete the save '{info.name}'?",
                "Its backup is deleted too.",
                answer,
                yes="Delete",
                no="Keep",
            )
        )

    def action_close(self) -> None:
        self.dismiss()

"""A generated scenario of any size, for benchmarks: every scene has three
choices, conditions, effects, flags and a delayed consequence."""

from __future__ import annotations


def big_scenario(scenes: int = 2000) -> str:
    out = [
        "format = 1",
        "",
        "[scenario]",
        'id = "generated"',
        'title = "Generated"',
        'summary = "A generated scenario for benchmarks."',
        'modes = ["solo", "hotseat"]',
        'focus = ["reliability", "transparency"]',
        'start = "s0"',
        "",
    ]
    for i in range(scenes):
        nxt = f"s{i + 1}" if i + 1 < scenes else "end"
        skip = f"s{i + 2}" if i + 2 < scenes else "end"
        out += [
            f"[scenes.s{i}]",
            f'time = "Day {i // 10 + 1}"',
            'text = """',
            f"Scene {i}. {{partner}} looks at you across the kitchen table, waiting for an answer.",
            "The kettle clicks off. Neither of you moves to pour it, and the quiet stretches out.",
            '"""',
            "",
            f"[[scenes.s{i}.choices]]",
            'text = "Tell {them} the truth, even the awkward part."',
            f'goto = "{nxt}"',
            "their_trust = { transparency = 4, communication = 3 }",
            f'sets = ["told_{i % 50}"]',
            "",
            f"[[scenes.s{i}.choices]]",
            'text = "Change the subject."',
            f'goto = "{skip}"',
            f'if = "their.trust >= 20 or flags.told_{(i + 7) % 50}"',
            'locked = "{They} won\'t let it go that easily."',
            "their_trust = { transparency = -6 }",
            f'later = {{ after = 2, unless = "flags.told_{i % 50}", text = "It comes out anyway.", '
            "their_trust = { transparency = -10 }, breach = true }",
            "",
            f"[[scenes.s{i}.choices]]",
            'text = "Say you need a minute, and mean it."',
            f'goto = "{nxt}"',
            "your_trust = { boundaries = 3 }",
            "",
        ]
    out += [
        "[endings.close]",
        'title = "Close"',
        'tone = "hopeful"',
        'when = "their.trust >= 60"',
        'text = "You made it."',
        "",
        "[endings.apart]",
        'title = "Apart"',
        'tone = "broken"',
        'when = "their.trust < 30"',
        'text = "You drifted."',
        "",
        "[endings.middle]",
        'title = "Middle"',
        'tone = "bittersweet"',
        'text = "Somewhere in between."',
        "",
        "[debrief]",
        'prompts = ["What would you say differently?"]',
        "",
    ]
    return "\n".join(out)

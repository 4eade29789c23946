"""Style sheet YAML → StyleSheet, with the grid derived and checked against the page."""

from __future__ import annotations

import dataclasses
import os

from layout.load.boundary import Blame, Boundary, read_bounded, resolve_named
from layout.load.errors import quote, suggest
from layout.load.icc import check_output_profile
from layout.load.limits import ICC_FILE, MAX_NAME_CHARS, STYLE_FILE
from layout.load.yamlsrc import Node, describe, load_yaml
from layout.model.rules import RULES, SEVERITIES
from layout.model.style import (
    ALIGNMENTS,
    AdSettings,
    AdSize,
    HeadlineRank,
    HeadlineScale,
    MastheadLayout,
    PictureSettings,
    CMYK,
    CheckSettings,
    TEXT_STYLE_NAMES,
    Composition,
    Grid,
    Hyphenation,
    Normalization,
    OutputCondition,
    OutputProfile,
    PageGeometry,
    RuleStyle,
    RunningHead,
    StyleSheet,
    TextStyle,
)
from fractions import Fraction

from layout.units import UnitError, mm, parse_font_size, parse_length, pt

PROHIBITION_LEVELS = ("basic", "gb", "strict")
MAX_LENGTH = mm(2000)  # no page, margin or rule of a newspaper is longer than 2 m
MIN_TYPE_SIZE, MAX_TYPE_SIZE = pt(1), pt(500)
MAX_STYLES = 500


def load_style(path: str, font_roles: tuple[str, ...], *, boundary: Boundary | None = None, named_at: Blame | None = None) -> StyleSheet:
    """`path` is resolved by the caller; files the style sheet names (ICC profiles) must lie
    within `boundary`'s project (by default, the project around the style sheet itself)."""
    root = load_yaml(path, STYLE_FILE, named_at=named_at)
    boundary = boundary or Boundary.around(path)
    top = root.mapping({"page", "grid", "colours", "styles", "rules", "running_head", "composition", "checks", "output", "pictures", "ads", "headlines", "masthead"}, ("page", "grid", "colours", "styles"))
    page = _page(top["page"])
    colours, spot_names = _colours(top["colours"])
    grid = _grid(top["grid"], page)
    styles = _styles(top["styles"], colours, font_roles)
    rules = top["rules"].mapping({"module", "box", "masthead"}) if "rules" in top else {}
    default_rule = RuleStyle(width=500, colour=_first_black(colours))
    base = os.path.dirname(os.path.abspath(path))
    profiles, default_profile, jobs = _output(top["output"], base, boundary) if "output" in top else (default_profiles(), "press", None)
    _check_colours_against(profiles[default_profile], top, colours, spot_names, styles)
    return StyleSheet(
        path=os.path.abspath(path),
        page=page,
        grid=grid,
        styles=styles,
        colours=colours,
        module_rule=_rule(rules["module"], colours) if "module" in rules else default_rule,
        box_rule=_rule(rules["box"], colours) if "box" in rules else default_rule,
        masthead_rule=_rule(rules["masthead"], colours) if "masthead" in rules else default_rule,
        composition=_composition(top["composition"]) if "composition" in top else Composition(),
        checks=_checks(top["checks"]) if "checks" in top else CheckSettings(),
        profiles=profiles,
        default_profile=default_profile,
        spot_names=spot_names,
        running_head=_running_head(top["running_head"], colours, grid, default_rule) if "running_head" in top else RunningHead(3, default_rule, default_rule.colour),
        masthead=_masthead(top["masthead"]) if "masthead" in top else MastheadLayout(),
        jobs=jobs,
        inputs=(os.path.realpath(path), *sorted({f for p in profiles.values() for f in (p.icc_profile, p.convert_profile) if f})),
        pictures=_pictures(top["pictures"]) if "pictures" in top else PictureSettings(),
        ads=_ads(top["ads"], grid) if "ads" in top else AdSettings(),
        headlines=_headlines(top["headlines"], font_roles, styles) if "headlines" in top else HeadlineScale(),
    )


def _headlines(node: Node, font_roles: tuple[str, ...], styles: dict[str, TextStyle]) -> HeadlineScale:
    """`scale`: the sizes a headline may take; `ranks`: for each rank the largest and smallest
    of them it may use, its most lines, its face, its kicker and subhead styles."""
    fields = node.mapping({"scale", "ranks"}, ("scale", "ranks"))
    sizes = tuple(sorted({font_size(n) for n in fields["scale"].sequence(40)}, reverse=True))
    ranks = {}
    for name, child in fields["ranks"].entries().items():
        rank = child.mapping({"largest", "smallest", "max_lines", "font", "kicker", "subhead", "min_span", "style"}, ("largest", "smallest"))
        largest, smallest = font_size(rank["largest"]), font_size(rank["smallest"])
        if smallest > largest or not any(smallest <= size <= largest for size in sizes):
            raise child.error(f"no size of the scale lies from {smallest / 1000:g} pt to {largest / 1000:g} pt", "widen the rank's range or add sizes to the scale")
        ranks[name] = HeadlineRank(
            name, largest, smallest,
            rank["max_lines"].integer(1, 6) if "max_lines" in rank else 2,
            rank["font"].choice(font_roles, "font role") if "font" in rank else None,
            rank["kicker"].choice(tuple(styles), "text style") if "kicker" in rank else "kicker",
            rank["subhead"].choice(tuple(styles), "text style") if "subhead" in rank else "subhead",
            rank["min_span"].integer(1, 40) if "min_span" in rank else None,
            rank["style"].choice(tuple(styles), "text style") if "style" in rank else "headline",
        )
    return HeadlineScale(sizes, ranks)


def _pictures(node: Node) -> PictureSettings:
    fields = node.mapping({"warn_ppi", "target_ppi", "downsample_above", "jpeg_quality"})
    defaults = PictureSettings()
    values = {key: fields[key].integer(1, 5000) for key in ("warn_ppi", "target_ppi", "downsample_above") if key in fields}
    if "jpeg_quality" in fields:
        values["jpeg_quality"] = fields["jpeg_quality"].integer(50, 100)
    settings = dataclasses.replace(defaults, **values)
    if settings.downsample_above < settings.target_ppi:
        raise node.error(f"downsample_above ({settings.downsample_above} ppi) is below target_ppi ({settings.target_ppi} ppi)", "resample only photos above the resolution they are resampled to")
    return settings


def _ads(node: Node, grid: Grid) -> AdSettings:
    """The 广告 label, how far an ad may differ from its slot, and the paper's standard sizes."""
    fields = node.mapping({"label", "size_tolerance", "max_scale", "sizes"})
    defaults = AdSettings()
    sizes = {}
    for name, child in (fields["sizes"].entries().items() if "sizes" in fields else ()):
        size = child.mapping({"span", "height"}, ("span", "height"))
        sizes[name] = AdSize(name, size["span"].integer(1, grid.columns), size["height"].integer(2, grid.lines))
    return AdSettings(
        label=fields["label"].text(max_chars=MAX_NAME_CHARS) if "label" in fields else defaults.label,
        size_tolerance=fields["size_tolerance"].number(0, 20, "a percentage") if "size_tolerance" in fields else defaults.size_tolerance,
        max_scale=fields["max_scale"].number(0, 50, "a percentage") if "max_scale" in fields else defaults.max_scale,
        sizes=sizes,
    )


def _checks(node: Node) -> CheckSettings:
    fields = node.mapping({"fail_on", "underfull_lines", "min_type_size", "loose_line_em", "severity"})
    defaults = CheckSettings()
    severities = {}
    if "severity" in fields:
        for code, child in fields["severity"].entries().items():
            if code not in RULES:
                raise child.key_error(f"unknown rule {quote(code)}", suggest(code, RULES))
            severities[code] = child.choice(SEVERITIES, "severity")
    return CheckSettings(
        fail_on=_choice(fields, "fail_on", ("error", "warning"), defaults.fail_on),
        underfull_lines=fields["underfull_lines"].integer(1, 1000) if "underfull_lines" in fields else defaults.underfull_lines,
        min_type_size=font_size(fields["min_type_size"]) if "min_type_size" in fields else defaults.min_type_size,
        loose_line_em=fields["loose_line_em"].number(0, 1, "a number of em") if "loose_line_em" in fields else defaults.loose_line_em,
        severities=severities,
    )


def length(node: Node, *, minimum: int = 0, maximum: int = MAX_LENGTH) -> int:
    try:
        value = parse_length(node.value)
    except UnitError as exc:
        raise node.error(f"{exc}, got {describe(node.value)}", "write a length such as 3mm, 9pt or 12") from None
    if not minimum <= value <= maximum:
        raise node.error(f"expected a length from {minimum / 1000:g}pt to {maximum / 1000:g}pt, got {quote(node.value)}", f"write a length from {minimum / 1000:g}pt to {maximum / 1000:g}pt")
    return value


def font_size(node: Node) -> int:
    try:
        size = parse_font_size(node.value)
    except UnitError as exc:
        raise node.error(f"{exc}, got {describe(node.value)}", "write a size name such as 小五, or points such as 9pt") from None
    if not MIN_TYPE_SIZE <= size <= MAX_TYPE_SIZE:
        raise node.error(f"expected a type size from {MIN_TYPE_SIZE // 1000}pt to {MAX_TYPE_SIZE // 1000}pt, got {quote(node.value)}", f"write a size from {MIN_TYPE_SIZE // 1000}pt to {MAX_TYPE_SIZE // 1000}pt")
    return size


def _page(node: Node) -> PageGeometry:
    fields = node.mapping({"trim", "bleed", "margins"}, ("trim", "margins"))
    trim = fields["trim"].mapping({"width", "height"}, ("width", "height"))
    margins = fields["margins"].mapping({"top", "bottom", "left", "right"}, ("top", "bottom", "left", "right"))
    return PageGeometry(
        trim_width=length(trim["width"], minimum=1),
        trim_height=length(trim["height"], minimum=1),
        bleed=length(fields["bleed"]) if "bleed" in fields else 0,
        margin_top=length(margins["top"]),
        margin_bottom=length(margins["bottom"]),
        margin_left=length(margins["left"]),
        margin_right=length(margins["right"]),
    )


def _grid(node: Node, page: PageGeometry) -> Grid:
    fields = node.mapping({"columns", "column_chars", "gutter_chars", "body_size", "line_gap"}, ("columns", "column_chars", "body_size", "line_gap"))
    columns = fields["columns"].integer(1, 40)
    column_chars = fields["column_chars"].integer(1, 200)
    gutter_chars = fields["gutter_chars"].integer(0, 10) if "gutter_chars" in fields else 1
    body_size = font_size(fields["body_size"])
    line_gap = length(fields["line_gap"])
    width = columns * column_chars * body_size + (columns - 1) * gutter_chars * body_size
    room = page.trim_width - page.margin_left - page.margin_right
    if width > room:
        raise node.error(
            f"{columns} columns of {column_chars} characters need {width / 1000:.1f}pt but the page has {room / 1000:.1f}pt between its margins",
            "widen the trim, narrow the margins, or use fewer or narrower columns",
        )
    pitch = body_size + line_gap
    height_room = page.trim_height - page.margin_top - page.margin_bottom
    lines = (height_room + line_gap) // pitch
    if lines < 1:
        raise node.error("the type area holds no body line", "reduce the margins or the line pitch")
    if lines > 2000:
        raise node.error(f"the type area holds {lines:,} body lines", "use a larger line pitch or a smaller page")
    left = page.margin_left + (room - width) // 2
    return Grid(columns, column_chars, gutter_chars, body_size, line_gap, lines, left, page.margin_top)


def _colours(node: Node) -> tuple[dict[str, CMYK], dict[str, str]]:
    colours: dict[str, CMYK] = {}
    spots: dict[str, str] = {}
    entries = node.entries()
    if len(entries) > MAX_STYLES:
        raise node.error(f"{len(entries):,} colours, over the limit of {MAX_STYLES}", "define fewer colours")
    for name, child in entries.items():
        channels = child.mapping({"c", "m", "y", "k", "spot"}, ("c", "m", "y", "k"))
        colours[name] = CMYK(*(channels[key].number(0, 100, "a CMYK percentage") for key in "cmyk"))
        if "spot" in channels:
            spots[name] = channels["spot"].text(max_chars=MAX_NAME_CHARS)
    if not colours:
        raise node.error("no colours defined", "define at least black: {c: 0, m: 0, y: 0, k: 100}")
    return colours, spots


def _styles(node: Node, colours: dict[str, CMYK], font_roles: tuple[str, ...]) -> dict[str, TextStyle]:
    entries = node.entries()
    if len(entries) > MAX_STYLES:
        raise node.error(f"{len(entries):,} text styles, over the limit of {MAX_STYLES}", "define fewer styles")
    for required in TEXT_STYLE_NAMES:
        if required not in entries:
            raise node.error(f"missing text style '{required}'", f"define {required}: {{font: ..., size: ..., colour: ...}}; every element needs a style")
    styles = {}
    allowed = {"font", "size", "colour", "align", "tracking", "min_tracking", "leading", "space_before", "space_after", "prefix"}
    for name, child in entries.items():
        fields = child.mapping(allowed, ("font", "size", "colour"))
        font = fields["font"].choice(font_roles, "font role")
        colour = fields["colour"].choice(colours.keys(), "colour")
        align = fields["align"].choice(ALIGNMENTS, "alignment") if "align" in fields else ("justify" if name == "body" else "left")
        styles[name] = TextStyle(
            name=name,
            font=font,
            size=font_size(fields["size"]),
            colour=colour,
            align=align,
            tracking=fields["tracking"].integer(-500, 1000) if "tracking" in fields else 0,
            min_tracking=fields["min_tracking"].integer(-200, 0) if "min_tracking" in fields else 0,
            leading=fields["leading"].number(1, 3, "a ratio of the type size") if "leading" in fields else None,
            space_before=length(fields["space_before"], maximum=pt(200)) if "space_before" in fields else 0,
            space_after=length(fields["space_after"], maximum=pt(200)) if "space_after" in fields else 0,
            prefix=fields["prefix"].text(max_chars=10) if "prefix" in fields else "",
        )
    return styles


def _rule(node: Node, colours: dict[str, CMYK]) -> RuleStyle:
    fields = node.mapping({"width", "colour"}, ("width", "colour"))
    colour = fields["colour"].choice(colours.keys(), "colour")
    return RuleStyle(width=length(fields["width"], minimum=1, maximum=pt(20)), colour=colour)


PUNCTUATION_STYLES = ("quanjiao", "kaiming", "banjiao")


def _composition(node: Node) -> Composition:
    fields = node.mapping({"prohibition", "punctuation", "indent_chars", "max_stretch_em", "han_latin_gap_em", "runt_penalty", "normalize", "hyphenation", "word_space_stretch_em", "word_space_shrink_em", "letter_stretch_em"})
    defaults = Composition()
    return Composition(
        prohibition=_choice(fields, "prohibition", PROHIBITION_LEVELS, defaults.prohibition),
        punctuation=_choice(fields, "punctuation", PUNCTUATION_STYLES, defaults.punctuation),
        indent_chars=fields["indent_chars"].integer(0, 4) if "indent_chars" in fields else defaults.indent_chars,
        max_stretch_em=_fraction(fields["max_stretch_em"]) if "max_stretch_em" in fields else defaults.max_stretch_em,
        han_latin_gap_em=_fraction(fields["han_latin_gap_em"]) if "han_latin_gap_em" in fields else defaults.han_latin_gap_em,
        runt_penalty=fields["runt_penalty"].integer(0, 9999) if "runt_penalty" in fields else defaults.runt_penalty,
        normalize=_normalization(fields["normalize"]) if "normalize" in fields else defaults.normalize,
        hyphenation=_hyphenation(fields["hyphenation"]) if "hyphenation" in fields else defaults.hyphenation,
        word_space_stretch_em=_fraction(fields["word_space_stretch_em"]) if "word_space_stretch_em" in fields else defaults.word_space_stretch_em,
        word_space_shrink_em=fields["word_space_shrink_em"].number(0, 0.2, "a number of em") if "word_space_shrink_em" in fields else defaults.word_space_shrink_em,
        letter_stretch_em=_fraction(fields["letter_stretch_em"]) if "letter_stretch_em" in fields else defaults.letter_stretch_em,
    )


def _hyphenation(node: Node) -> Hyphenation:
    """`hyphenation: false`, or `{language: en_US, min_word, left, right, penalty, never: [...]}`."""
    if node.value is False:
        return Hyphenation()
    fields = node.mapping({"language", "min_word", "left", "right", "penalty", "never"}, ("language",))
    language = fields["language"].text(max_chars=20)
    import pyphen  # its pattern dictionaries name the languages there are

    if language not in pyphen.LANGUAGES:
        english = sorted(name for name in pyphen.LANGUAGES if name.startswith("en"))
        raise fields["language"].error(f"no hyphenation patterns for {quote(language)}", f"use a pyphen language such as {', '.join(english)}")
    defaults = Hyphenation()
    never = frozenset(item.text(max_chars=100) for item in fields["never"].sequence(10_000)) if "never" in fields else frozenset()
    return Hyphenation(
        language=language,
        min_word=fields["min_word"].integer(3, 30) if "min_word" in fields else defaults.min_word,
        left=fields["left"].integer(1, 10) if "left" in fields else defaults.left,
        right=fields["right"].integer(1, 10) if "right" in fields else defaults.right,
        penalty=fields["penalty"].integer(0, 9999) if "penalty" in fields else defaults.penalty,
        never=never,
    )


def _choice(fields: dict[str, Node], key: str, allowed: tuple[str, ...], default: str) -> str:
    return fields[key].choice(allowed, key) if key in fields else default


def _normalization(node: Node) -> Normalization:
    """`normalize: false` switches every step off, `normalize: true` keeps the default steps (all
    but `lone_dash`); a mapping switches them one by one, the steps it does not name as by default."""
    names = tuple(f.name for f in dataclasses.fields(Normalization))
    if isinstance(node.value, bool):
        return Normalization() if node.value else Normalization(**{name: False for name in names})
    fields = node.mapping(set(names))
    return Normalization(**{name: fields[name].boolean() for name in names if name in fields})


def _fraction(node: Node) -> float:
    return node.number(0, 1, "a number of em")


def _first_black(colours: dict[str, CMYK]) -> str:
    for name, colour in colours.items():
        if colour.k == 100 and colour.c == colour.m == colour.y == 0:
            return name
    return next(iter(colours))


PDFX_LEVELS = ("x1a", "x4", "none")
PROFILE_KEYS = {
    "pdfx", "output_condition", "icc_profile", "crop_marks", "registration_marks", "slug", "marks_margin",
    "allow_rgb", "ink_limit", "overprint_black", "rich_black_min_size", "spot_colours", "min_type_size",
    "min_rule_width", "min_image_ppi", "convert_profile", "convert_intent",
}
INTENTS = ("perceptual", "relative")
# ISO 12647-3 coldset newsprint, as registered in the ICC characterization data registry.
IFRA26 = OutputCondition(
    identifier="IFRA26",
    registry="http://www.color.org",
    condition="Coldset offset printing on newsprint, ISO 12647-3 (26 % tone value increase)",
    info="ISO 12647-3:2004 newsprint characterisation (IFRA26)",
)


def default_profiles() -> dict[str, OutputProfile]:
    press = OutputProfile(
        name="press", pdfx="x1a", output_condition=IFRA26, icc_profile=None, crop_marks=False,
        registration_marks=False, slug=False, marks_margin=mm(12), allow_rgb=False, ink_limit=240.0,
        overprint_black=True, rich_black_min_size=pt(24), spot_colours="convert", min_type_size=pt(6),
        min_rule_width=pt(Fraction(1, 4)), min_image_ppi=150,
    )
    proof = dataclasses.replace(press, name="proof", pdfx="none", output_condition=None, allow_rgb=True, overprint_black=False)
    return {"press": press, "proof": proof}


def _output(node: Node, base: str, boundary: Boundary) -> tuple[dict[str, OutputProfile], str, int | None]:
    fields = node.mapping({"profile", "profiles", "jobs"})
    profiles = default_profiles()
    for name, child in (fields["profiles"].entries().items() if "profiles" in fields else ()):
        profiles[name] = _profile(name, child, profiles.get(name, profiles["press"]), base, boundary)
    default = fields["profile"].choice(profiles.keys(), "output profile") if "profile" in fields else "press"
    jobs = fields["jobs"].integer(1, 256) if "jobs" in fields else None
    return profiles, default, jobs


def _running_head(node: Node, colours: dict[str, CMYK], grid: Grid, default_rule: RuleStyle) -> RunningHead:
    fields = node.mapping({"lines", "rule", "section_fill"})
    return RunningHead(
        lines=fields["lines"].integer(1, max(1, grid.lines // 4)) if "lines" in fields else 3,
        rule=_rule(fields["rule"], colours) if "rule" in fields else default_rule,
        section_fill=fields["section_fill"].choice(colours.keys(), "colour") if "section_fill" in fields else default_rule.colour,
    )


def _masthead(node: Node) -> MastheadLayout:
    """`min_title_scale` in %, `english_share` and `english_range` as ratios of the title's size."""
    fields = node.mapping({"min_title_scale", "english_share", "english_range"})
    default = MastheadLayout()
    english_range = default.english_range
    if "english_range" in fields:
        items = fields["english_range"].sequence(2)
        if len(items) != 2:
            raise fields["english_range"].error("expected two numbers: the title's height over the largest and over the smallest English size", "write english_range: [7, 12]")
        english_range = (items[0].integer(2, 50), items[1].integer(2, 50))
        if english_range[0] > english_range[1]:
            raise fields["english_range"].error(f"{english_range[0]} is over {english_range[1]}: the first divides the title's height into the largest English size", "give the smaller number first, as in [7, 12]")
    return MastheadLayout(
        min_title_scale=fields["min_title_scale"].number(30, 100, "a percentage") / 100 if "min_title_scale" in fields else default.min_title_scale,
        english_share=fields["english_share"].integer(2, 50) if "english_share" in fields else default.english_share,
        english_range=english_range,
    )


def _profile(name: str, node: Node, start: OutputProfile, base: str, boundary: Boundary) -> OutputProfile:
    fields = node.mapping(PROFILE_KEYS)
    values = {}
    if "pdfx" in fields:
        values["pdfx"] = _choice(fields, "pdfx", PDFX_LEVELS, start.pdfx)
    if "output_condition" in fields:
        oc = fields["output_condition"].mapping({"identifier", "registry", "condition", "info"}, ("identifier",))
        values["output_condition"] = OutputCondition(
            identifier=oc["identifier"].text(),
            registry=oc["registry"].text() if "registry" in oc else "http://www.color.org",
            condition=oc["condition"].text() if "condition" in oc else oc["identifier"].text(),
            info=oc["info"].text() if "info" in oc else oc["identifier"].text(),
        )
    # icc_profile: embedded in the output intent (PDF/X-4); convert_profile: RGB photos to CMYK
    for key, data_key in (("icc_profile", "icc_data"), ("convert_profile", "convert_data")):
        if key in fields:
            values[key], values[data_key] = _icc(fields[key], base, boundary)
    if "convert_intent" in fields:
        values["convert_intent"] = fields["convert_intent"].choice(INTENTS, "rendering intent")
    for key in ("crop_marks", "registration_marks", "slug", "allow_rgb", "overprint_black"):
        if key in fields:
            values[key] = fields[key].boolean()
    for key in ("marks_margin", "min_rule_width"):
        if key in fields:
            values[key] = length(fields[key], maximum=mm(100))
    for key in ("rich_black_min_size", "min_type_size"):
        if key in fields:
            values[key] = font_size(fields[key])
    if "ink_limit" in fields:
        values["ink_limit"] = fields["ink_limit"].number(100, 400, "a total ink percentage")
    if "spot_colours" in fields:
        values["spot_colours"] = _choice(fields, "spot_colours", ("convert", "refuse"), start.spot_colours)
    if "min_image_ppi" in fields:
        values["min_image_ppi"] = fields["min_image_ppi"].integer(1, 5000)
    profile = dataclasses.replace(start, name=name, **values)
    if profile.pdfx == "x4" and profile.icc_profile is None:
        raise node.error("PDF/X-4 needs the output ICC profile embedded", "give icc_profile: (the press's profile, e.g. WAN-IFRAnewspaper26v5.icc) or use pdfx: x1a")
    if profile.pdfx != "none" and profile.output_condition is None:
        raise node.error("a PDF/X profile needs an output_condition", "give output_condition: {identifier: IFRA26}")
    return profile


def _icc(node: Node, base: str, boundary: Boundary) -> tuple[str | None, bytes | None]:
    """A CMYK output profile named in the style sheet (null: none), read and checked as ICC."""
    if node.value is None:
        return None, None
    path = resolve_named(node.text(), base, boundary.project_area, node.blame(), ICC_FILE)
    data = read_bounded(path, ICC_FILE, node.blame())
    check_output_profile(data, node.blame())
    return path, data


def _check_colours_against(profile: OutputProfile, top: dict[str, Node], colours: dict[str, CMYK], spots: dict[str, str], styles: dict[str, TextStyle]) -> None:
    """Colours that the press profile forbids are errors naming the colour or the style (§6)."""
    colour_nodes = top["colours"].entries()
    for name, colour in colours.items():
        if colour.total_ink > profile.ink_limit:
            raise colour_nodes[name].key_error(f"colour {quote(name)} puts down {colour.total_ink:g} % ink, over the press's {profile.ink_limit:g} % limit", "reduce its CMYK values")
        if name in spots and profile.spot_colours == "refuse":
            raise colour_nodes[name].key_error(f"colour {quote(name)} is the spot colour {quote(spots[name])}, and the {profile.name} profile refuses spot colours", "remove spot: to print it in process CMYK")
    style_nodes = top["styles"].entries()
    for name, style in styles.items():
        colour = colours[style.colour]
        rich = colour.k >= 100 and (colour.c or colour.m or colour.y)
        if rich and style.size < profile.rich_black_min_size:
            raise style_nodes[name].key_error(
                f"style {quote(name)} sets {style.size / 1000:g} pt text in rich black {quote(style.colour)}: newsprint registration cannot hold it below {profile.rich_black_min_size / 1000:g} pt",
                "use 100 % K only for small text",
            )

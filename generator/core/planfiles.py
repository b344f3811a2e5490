"""The plans' inputs beyond articles, validated together with the rest of the site: question banks (``cau-hoi/``),
the monthly bulletin's settings and introductions (``bulletin:``, ``ban-tin/``), the radio bulletin's settings
(``radio:``). Every problem at once, as ``path:line: message``."""
from __future__ import annotations

from generator.core.bulletin import read_intros, read_settings as bulletin_settings
from generator.core.campaigns import campaign_problems
from generator.core.config import SiteConfig
from generator.core.feedback import feedback_problems
from generator.core.problems import Problem
from generator.core.quiz import load_banks


def plans_problems(config: SiteConfig) -> list[Problem]:
    campaigns, _ = campaign_problems(config)
    fb, _ = feedback_problems(config)
    problems = list(load_banks(config, campaigns, fb.form_endpoint if fb else "")[1])
    settings, more = bulletin_settings(config)
    problems += more
    if settings is not None:
        problems += read_intros(config)[1]
    if "radio" in config.extra:
        from generator.radio.settings import radio_settings  # a site without a radio bulletin never loads it

        problems += radio_settings(config)[1]
    return problems

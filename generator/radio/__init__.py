"""The weekly radio bulletin for commune loudspeakers ("Bản tin phát thanh"): text read aloud, script, audio.

- ``spoken``: written Vietnamese -> text to be read aloud (numbers, dates, units, abbreviations spelled out);
- ``settings``: the ``radio:`` plugin settings, validated with every problem at once;
- ``script``: a week's items -> the reading script and its estimated reading time;
- ``audio``: the script -> a loudness-normalised MP3 or Ogg, when a speech engine is installed.
"""

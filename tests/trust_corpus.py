"""The hostile corpus of the trust tests: bad files, an article carrying markup and script, odd
file names, and command-line parameters full of quotes, newlines and backslashes.

Used by tests/ingest/test_bad_input.py and tests/run/test_safety.py (one run through the command line,
the ``trust_run`` fixture in conftest.py, serves both).
"""
from __future__ import annotations

import os
from pathlib import Path

ARTICLE = ("Officials said on Monday that the new bridge would open in May. The project, which cost "
           "more than it was meant to, has been delayed twice.\n\nResidents welcomed the news. \u201cWe "
           "have waited long enough,\u201d one said.\n")
SMART = "The minister called it a \u201cmajor\u201d step and said it wasn\u2019t the last one of the year."
CYRILLIC = ("\u041f\u0440\u0430\u0432\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e \u043e\u0431\u044a\u044f\u0432\u0438\u043b\u043e "
            "\u0432\u043e \u0432\u0442\u043e\u0440\u043d\u0438\u043a \u043e \u043d\u043e\u0432\u043e\u0439 "
            "\u043f\u0435\u043d\u0441\u0438\u043e\u043d\u043d\u043e\u0439 \u0440\u0435\u0444\u043e\u0440\u043c\u0435, "
            "\u043a\u043e\u0442\u043e\u0440\u0430\u044f \u0432\u044b\u0437\u0432\u0430\u043b\u0430 \u0440\u0435\u0437\u043a\u043e\u0435 "
            "\u043d\u0435\u0434\u043e\u0432\u043e\u043b\u044c\u0441\u0442\u0432\u043e \u043f\u0440\u043e\u0444\u0441\u043e\u044e\u0437\u043e\u0432 "
            "\u0432\u043e \u0432\u0441\u0435\u0439 \u0441\u0442\u0440\u0430\u043d\u0435.\n")
KOREAN = ("\uc815\ubd80\ub294 \ud654\uc694\uc77c \uc0c8\ub85c\uc6b4 \uc5f0\uae08 \uac1c\ud601\uc744 "
          "\ubc1c\ud45c\ud588\uc73c\uba70 \ub178\ub3d9\uc870\ud569\uc758 \uac15\ud55c \ubc18\ubc1c\uc744 "
          "\ubd88\ub7ec\uc77c\uc73c\ucf30\ub2e4. \uc815\ubd80\ub294 \ub2e4\uc74c \uc8fc\uc5d0 "
          "\ucd94\uac00 \ub300\ucc45\uc744 \ub0b4\ub193\uc744 \uc608\uc815\uc774\ub2e4.\n")
NO_PUNCT = " ".join(["officials said the bridge would open in may and residents welcomed the news"] * 60)

# File name -> bytes. Every name is also a row below: analysed (with its encoding) or skipped.
FILES: dict[str, bytes] = {
    "good.txt": ARTICLE.encode("utf-8"),
    "dup_a.txt": ARTICLE.encode("utf-8"),
    "dup_b.md": ARTICLE.encode("utf-8"),
    "zero.txt": b"",
    "whitespace.txt": b" \n\t\r\n  \n",
    "bom_only.txt": b"\xef\xbb\xbf",
    "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32),
    "paper.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
    "nul.txt": b"Some text\x00\x01\x02 with NUL bytes",
    "picture.png": b"\x89PNG\r\n\x1a\n",
    "utf16_bom.txt": ARTICLE.replace("bridge", "tunnel").encode("utf-16"),
    "utf16_no_bom.txt": ARTICLE.replace("bridge", "road").encode("utf-16-le"),
    "utf16_broken.txt": "Line one.\nLine two.\n".encode("utf-16-le").join([b"\xff\xfe", b""]) + b"\x00\xd8A\x00",
    "utf8_bom.txt": b"\xef\xbb\xbf" + ARTICLE.replace("bridge", "station").encode("utf-8"),
    "utf8_bom_broken.txt": b"\xef\xbb\xbfFirst line is fine.\nSecond line breaks \xff here.\n",
    "cp1252.txt": ("A first line in plain ASCII.\n" + SMART).encode("cp1252"),
    "latin1.txt": "Le caf\u00e9 na\u00efve: the caf\u00e9 owner said the r\u00e9sum\u00e9 was fine.".encode("latin-1"),
    "crlf.txt": ARTICLE.replace("bridge", "ferry").replace("\n", "\r\n").encode("utf-8"),
    "cr.txt": ARTICLE.replace("bridge", "canal").replace("\n", "\r").encode("utf-8"),
    "no_punct.txt": NO_PUNCT.encode("utf-8"),
    "cyrillic.txt": CYRILLIC.encode("utf-8"),
    "korean.txt": KOREAN.encode("utf-8"),
}

SKIPPED = {
    # Same bytes three times: dup_a.txt sorts first, so it is analysed and the others name it.
    "dup_b.md": "duplicate of dup_a.txt (same sha256)",
    "good.txt": "duplicate of dup_a.txt (same sha256)",
    "zero.txt": "empty file (0 bytes)",
    "whitespace.txt": "only whitespace",
    "bom_only.txt": "no text after the byte-order mark",
    "image.txt": "binary file (PNG image)",
    "paper.txt": "binary file (PDF document)",
    "nul.txt": "binary file (contains NUL bytes; the first at byte 9)",
    "picture.png": "not a .txt",
    "utf16_no_bom.txt": "looks like UTF-16 without a byte-order mark",
    "utf16_broken.txt": "not valid UTF-16 at byte",
    "utf8_bom_broken.txt": "not valid UTF-8 at byte 42 (line 2)",
    "loop.txt": "symlink loop",
    "loop_b.txt": "symlink loop",
    "loop_c.md": "symlink loop",
    "dangling.txt": "broken symlink (points to nowhere.txt",
}



SYMLINKS = {"loop.txt": "loop.txt", "loop_b.txt": "loop_c.md", "loop_c.md": "loop_b.txt",
            "dangling.txt": "nowhere.txt"}

# Markup and script in the headline and the body: must stay text wherever it is shown.
EVIL_ARTICLE = """<img src=x onerror="document.title='pwned-img'"> Bridge opens <script>document.title='pwned-headline'</script>

Officials said <script>document.title='pwned'; document.body.setAttribute('data-pwned', '1')</script> the bridge would open in May, and residents welcomed the news on Monday.

The council said the <b>bold</b> claims &amp; "quotes" were false <svg onload="document.title='pwned-svg'"></svg> and that the work would end soon.

Engineers said the <iframe src="javascript:document.title='pwned-iframe'"></iframe> cables were tested twice and passed each time without a fault.
"""
# File names a scraper might produce from titles: none of them may become a path of the run.
ODD_NAMES = {
    "evil <script>alert(1)<\\script> & 'quotes'.txt": EVIL_ARTICLE,
    "a;b $(touch pwned) `id` x..y.txt": ARTICLE.replace("bridge", "harbour"),
    ("long " * 48).strip() + ".txt": ARTICLE.replace("bridge", "museum"),
}
# Parameters as typed on a command line: a Python literal (-p) and a raw string (-r).
STOPWORDS_PARAM = ["it's", 'a"b', "back\\slash", "new\nline", "'); import os; os.system('touch pwned'); ('"]
TEXT_COLUMN_PARAM = "te'x\"t\\\n$(touch pwned)\"); __import__('os').system('touch pwned') #"


def write_bad_folder(folder: Path) -> Path:
    for name, data in FILES.items():
        (folder / name).write_bytes(data)
    for name, target in SYMLINKS.items():
        os.symlink(target, folder / name)
    return folder


def write_trust_corpus(folder: Path) -> Path:
    write_bad_folder(folder)
    for name, text in ODD_NAMES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder

"""``python -m snhr_desktop``: the same entry point as the ``snhr-desktop`` command."""

from snhr_desktop.cli import main

raise SystemExit(main())

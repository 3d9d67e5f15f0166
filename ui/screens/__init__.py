"""The nurse's screens, each a thin view of a Qt-free model in ``kiosk/`` (issue 6).

The visit workflow's screens (``visit*.py``, ``manual_entry.py``, ``complaints.py``,
``news2_panel.py``, ``review.py``) are put together by :class:`ui.main_window.MainWindow` on
the navigation stack of :class:`ui.shell.Shell`, beside the home, patient finder, history and
sign-in screens when they are installed.
"""

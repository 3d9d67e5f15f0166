"""The camera subsystem, Qt-free: capture, the quality gate, storage, patient cards.

- :mod:`~kiosk.media.camera`: ``open_camera(source)`` — a V4L2 camera, or a video file / an
  image folder standing in for one, all through ``cv2.VideoCapture``.
- :mod:`~kiosk.media.quality`: sharpness and exposure → ``ok`` / ``blurry`` / ``too-dark`` /
  ``too-bright``.
- :mod:`~kiosk.media.jpeg`: ≤ 1600 px, ≤ 250 KB JPEGs without metadata; thumbnails.
- :mod:`~kiosk.media.photos`: ``save_photo`` (file first, then row + outbox item),
  ``reconcile`` at start-up.
- :mod:`~kiosk.media.sites`: SNOMED CT body sites for the picker.
- :mod:`~kiosk.media.cards`: printable patient cards with a checked QR code, and reading them.

OpenCV is ``opencv-python-headless`` (never the GUI wheel next to PySide6). It and NumPy are
loaded on first use (:mod:`~kiosk.media.cv`), so importing this package costs nothing at
start-up; OpenCV's own warnings (V4L2 probing, the end of an image sequence) are silenced as
it loads, unless ``OPENCV_LOG_LEVEL`` is set.
"""

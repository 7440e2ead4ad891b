"""Static files from the production server: WhiteNoise, collected copies first.

WhiteNoise with ``WHITENOISE_USE_FINDERS`` adds the apps' own static folders *after*
``STATIC_ROOT``, so they replace the collected files and their gzip copies: site.css
went out uncompressed although ``collectstatic`` had made ``site.css.gz``. Here the
finders only fill in what was not collected (a checkout where ``collectstatic`` never
ran, or a file added since), so a missing ``collectstatic`` is slower, never broken.
"""

from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    def add_files_from_finders(self) -> None:
        collected = dict(self.files)
        super().add_files_from_finders()
        self.files.update(collected)

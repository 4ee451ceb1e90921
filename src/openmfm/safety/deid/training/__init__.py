"""Synthetic labelled notes for training the learned PHI recogniser: our own frames and several
independent layouts (``notes``) filled with Faker values in many locales (``values``)."""

"""The practice's web app (issue 18): the client answers the intake on a tablet or phone.

A composing layer like commands/: it brings the intake, the engine and the store together and
adds only pages, access and security (app.py builds it). Importing this package costs nothing:
the store keeps the client codes (store/invites.py), and Flask and the other web packages (the `web` extra) are
imported only by the modules that serve pages, so the terminal commands start as fast as before.
"""

"""A real SMTP server on 127.0.0.1 for the end-to-end mail test (aiosmtpd, from PyPI).

Usage: loopback-smtp-server.py FOLDER
Prints the port it listens on, then keeps every message it receives as FOLDER/NNNN.eml (the bytes
as received) and FOLDER/NNNN.json (the envelope: mail_from, rcpt_tos), until SIGTERM.
"""
import json
import os
import signal
import socket
import sys

from aiosmtpd.controller import Controller

folder = sys.argv[1]


class Keep:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = os.path.join(folder, "%04d" % self.count)
        with open(stem + ".eml.part", "wb") as out:
            out.write(envelope.original_content or envelope.content)
        with open(stem + ".json.part", "w") as out:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, out)
        os.rename(stem + ".eml.part", stem + ".eml")
        os.rename(stem + ".json.part", stem + ".json")
        return "250 Message accepted for delivery"


probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
controller = Controller(Keep(), hostname="127.0.0.1", port=port)
controller.start()
print(port, flush=True)
signal.sigwait({signal.SIGTERM, signal.SIGINT})
controller.stop()

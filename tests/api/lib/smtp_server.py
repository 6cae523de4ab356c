"""A real SMTP server on loopback for the API tests (Debian's aiosmtpd).

    /usr/bin/python3 smtp_server.py PORT FOLDER

Each message received is parsed and written to FOLDER as one JSON file
(written whole, then renamed): the envelope, every header as received and
decoded, and the text and HTML parts. Prints "ready" once listening; stops
on SIGTERM or when standard input closes.
"""
import email
import email.policy
import json
import os
import signal
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        record = {
            "received_at": int(time.time() * 1000),
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": [[k, str(v)] for k, v in msg.items()],
            "raw_headers": raw.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace"),
            "content_type": msg.get_content_type(),
            "parts": [],
        }
        for part in msg.walk():
            if part.get_content_maintype() == "multipart":
                continue
            record["parts"].append({"type": part.get_content_type(), "body": part.get_content()})
        with self.lock:
            self.count += 1
            name = "%06d.json" % self.count
        tmp = os.path.join(self.folder, "." + name)
        with open(tmp, "w") as f:
            json.dump(record, f)
        os.rename(tmp, os.path.join(self.folder, name))
        return "250 Message accepted for delivery"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Store(folder), hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    print("ready", flush=True)
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()

# The bench's local SMTP catcher: aiosmtpd accepting every message and keeping only a count of them and of their
# bytes, rewritten to COUNT_FILE after each message ("messages bytes").  Usage: python3 smtp-sink.py COUNT_FILE PORT
import asyncio
import sys

from aiosmtpd.smtp import SMTP

count_file, port = sys.argv[1], int(sys.argv[2])
received = [0, 0]


class Counter:
    async def handle_DATA(self, server, session, envelope):
        received[0] += 1
        received[1] += len(envelope.content)
        with open(count_file, 'w') as f:
            f.write('%d %d\n' % tuple(received))
        return '250 Message accepted'


loop = asyncio.new_event_loop()
loop.run_until_complete(loop.create_server(lambda: SMTP(Counter(), hostname='localhost'), '127.0.0.1', port))
loop.run_forever()

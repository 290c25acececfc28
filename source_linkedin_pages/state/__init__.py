"""The one home of sync state: saved cursors per organization, post registries, commit groups and emission.

Streams only declare their cursor field (and, for per-post streams, how a registry entry is folded); this
package parses the incoming state, keeps it thread-safe while partitions close on worker threads, and emits
it on the records' queue so a state message never overtakes the records it covers.
"""

from .checkpoint import Checkpointer, CommitGroup, PartOutcome
from .registry import decode_digest, encode_digest
from .stream_state import StreamState, normalize_state_file

__all__ = [
    "Checkpointer",
    "CommitGroup",
    "PartOutcome",
    "StreamState",
    "decode_digest",
    "encode_digest",
    "normalize_state_file",
]

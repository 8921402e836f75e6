"""Read SRKit shard datasets (``prep run`` output) as numpy arrays; numpy is the only requirement.

    >>> import srkit_shards
    >>> ds = srkit_shards.open_dataset("out/t91")          # folder with index.json
    >>> len(ds), [f.name for f in ds.schema]
    >>> rec = ds[0]                                        # {"lr": ndarray, "hr": ndarray}, read-only views
    >>> batch = ds.read_batch([5, 9, 2])                   # {"lr": (3, 32, 32, 3), ...}, one array per field
    >>> problems = ds.verify()                             # [] when every SHA-256 matches; records=True adds CRCs

``srkit_shards.torch`` (imports torch) has ``loader(...)`` and ``ShardDataset``. The byte layout is
``Docs/shard-format.md``; the API is described in ``python/README.md``. Every error about a file
is a ``ShardFormatError`` with the same sentence the Swift reader (``prep``) prints.
"""

from __future__ import annotations

from ._crc import IMPLEMENTATION as CRC_IMPLEMENTATION
from ._crc import crc32c, crc32c_many, crc32c_rows
from ._format import ALIGNMENT, MAGIC, TRAILER_MAGIC, VERSION
from .crops import PairedRandomCrop
from .dataset import Dataset, open_dataset
from .errors import RecordIndexError, ShardFormatError, UnknownFieldError
from .index import DatasetIndex, ShardEntry, load_index
from .problems import Problem
from .sampling import epoch_indices, permutation
from .schema import Field, field_offsets
from .shard import Shard

__version__ = "0.2.0"

__all__ = [
    "MAGIC", "TRAILER_MAGIC", "VERSION", "ALIGNMENT", "CRC_IMPLEMENTATION",
    "ShardFormatError", "RecordIndexError", "UnknownFieldError",
    "Field", "field_offsets", "Problem", "Shard", "Dataset", "DatasetIndex", "ShardEntry",
    "open_dataset", "load_index", "crc32c", "crc32c_many", "crc32c_rows",
    "PairedRandomCrop", "epoch_indices", "permutation",
]

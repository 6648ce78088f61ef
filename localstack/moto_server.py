"""moto server with one request at a time, and transactions that roll back in place.

DynamoDB makes a conditional write atomic; moto's backend does not: it checks the condition and
writes in separate steps without a lock, so two concurrent PutItems can both pass
attribute_not_exists. Eventline's concurrency tests exist to prove that writers never lose an event,
so the emulator must not lose one either: this launcher serializes DynamoDB and DynamoDB Streams
requests (connections are still served concurrently). Other services are left concurrent: an SQS
long poll waits inside the request, and holding the lock through it would stall every other client
for the whole wait.

A cancelled TransactWriteItems must leave no trace, as in DynamoDB: no item changed, no stream
record. moto 5.2.5 applies a transaction's writes one by one and, when one fails, puts back deep
copies of the whole tables it took before starting. Each copy has a new stream shard object (same
shard id), while every shard iterator already handed out still points at the old one: the local
event sources, which play Lambda's part, never see another record of that table, and they do see
the records of the writes that were applied before the failing one. Copying whole tables also makes
every transaction cost O(table). patch_transactions() keeps moto's transaction logic (conditions,
cancellation reasons, ALL_OLD) and replaces only what a rollback restores: the items the transaction
names, put back in place, and the stream shard truncated to its length before the transaction.

Usage: python moto_server.py -H 127.0.0.1 -p 5000
"""
import argparse
import copy
import threading

from werkzeug.serving import run_simple
from moto import __version__ as moto_version
from moto.dynamodb import models as dynamodb_models
from moto.dynamodb.exceptions import TransactionCanceledException
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app


class Serialized:
    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        # DynamoDB_20120810.* and DynamoDBStreams_20120810.*: a stream read never sees half a transaction
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB"):
            return self.app(environ, start_response)
        with self.lock:
            # materialize the body inside the lock: the backend state it reflects must not move
            return [b"".join(self.app(environ, start_response))]


class TransactionRollback:
    """What a transaction may change, taken before it runs: the items it names and each stream's length."""

    def __init__(self, backend, transact_items):
        self.items = {}  # (table id, hash, range) -> (table, hash, range, partition existed, item copy or None)
        self.streams = {}  # table id -> (shard, records before)
        for entry in transact_items:
            for op_type, op in entry.items():
                table = backend.tables.get(op.get("TableName")) if isinstance(op, dict) else None
                if table is not None and op_type != "ConditionCheck":
                    self._remember(table, op.get("Item") if op_type == "Put" else op.get("Key"))

    def _remember(self, table, attributes):
        attributes = attributes or {}
        if table.hash_key_attr not in attributes:
            return  # moto refuses such an operation before writing anything
        if table.range_key_attr is not None and table.range_key_attr not in attributes:
            return
        hash_key = DynamoType(attributes[table.hash_key_attr])
        range_key = DynamoType(attributes[table.range_key_attr]) if table.range_key_attr is not None else None
        slot = (id(table), hash_key, range_key)
        if slot in self.items:
            return  # a second operation on one item: moto cancels, the state before the first one counts
        partition = table.items.get(hash_key)  # .get: indexing the defaultdict would create the partition
        current = partition if range_key is None else (partition or {}).get(range_key)
        # a copy, not the object: UpdateItem changes the stored item in place
        self.items[slot] = (table, hash_key, range_key, partition is not None, copy.deepcopy(current))
        if table.stream_shard is not None and id(table) not in self.streams:
            self.streams[id(table)] = (table.stream_shard, len(table.stream_shard.items))

    def restore(self):
        for table, hash_key, range_key, partition_existed, item in self.items.values():
            if range_key is None:
                if item is None:
                    table.items.pop(hash_key, None)
                else:
                    table.items[hash_key] = item
            elif item is not None:
                table.items[hash_key][range_key] = item
            else:
                partition = table.items.get(hash_key)
                if partition is not None:
                    partition.pop(range_key, None)
                    if not partition and not partition_existed:
                        del table.items[hash_key]
        # sequence numbers are the position in the shard: the next record takes the number the
        # cancelled one had, so the stream shows no gap, as in DynamoDB
        for shard, length in self.streams.values():
            del shard.items[length:]


class TablesNotCopied:
    """moto.dynamodb.models' `copy` while a transaction runs in this thread: a table "copies" as itself."""

    def __init__(self):
        self.inside = threading.local()

    def deepcopy(self, value, memo=None):
        if getattr(self.inside, "transaction", False) and isinstance(value, Table):
            return value
        return copy.deepcopy(value, memo)

    def __getattr__(self, name):
        return getattr(copy, name)


def patch_transactions():
    """Makes a cancelled TransactWriteItems restore only its own items, in place; see the module doc."""
    if dynamodb_models.copy is not copy:
        raise RuntimeError(f"moto {moto_version}: moto.dynamodb.models no longer uses the copy module as 5.2.5 "
                           "did; re-read DynamoDBBackend.transact_write_items and mend localstack/moto_server.py")
    not_copied = TablesNotCopied()
    dynamodb_models.copy = not_copied
    original = DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        rollback = TransactionRollback(self, transact_items)
        not_copied.inside.transaction = True
        try:
            # moto's own rollback now puts back the very same table objects: a no-op
            return original(self, transact_items)
        except BaseException:
            rollback.restore()
            raise
        finally:
            not_copied.inside.transaction = False

    DynamoDBBackend.transact_write_items = transact_write_items
    check_transactions()


def check_transactions():
    """Fails the start-up unless a cancelled transaction leaves the table, its items and its stream as they were."""
    backend = DynamoDBBackend("us-east-1", "000000000000")  # private to this check, not served
    table = backend.create_table("check", schema=[{"AttributeName": "k", "KeyType": "HASH"}], throughput=None,
                                 attr=[{"AttributeName": "k", "AttributeType": "S"}], global_indexes=None, indexes=None,
                                 streams={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
                                 billing_mode="PAY_PER_REQUEST", sse_specification=None, tags=[],
                                 deletion_protection_enabled=None, warm_throughput=None)
    backend.put_item("check", {"k": {"S": "kept"}, "n": {"N": "1"}})
    backend.put_item("check", {"k": {"S": "other"}})
    shard = table.stream_shard
    cancelled = False
    try:
        backend.transact_write_items([
            {"Put": {"TableName": "check", "Item": {"k": {"S": "new"}}}},
            {"Update": {"TableName": "check", "Key": {"k": {"S": "kept"}}, "UpdateExpression": "SET n = :two",
                        "ExpressionAttributeValues": {":two": {"N": "2"}}}},
            {"ConditionCheck": {"TableName": "check", "Key": {"k": {"S": "other"}},
                                "ConditionExpression": "attribute_not_exists(k)"}},
        ])
    except TransactionCanceledException:
        cancelled = True
    kept = table.get_item(DynamoType({"S": "kept"}))
    problems = [problem for problem, failed in [
        ("the transaction was not cancelled", not cancelled),
        ("the table object was replaced", backend.tables["check"] is not table),
        ("the stream shard was replaced", table.stream_shard is not shard),
        ("the stream kept records of the cancelled writes", len(shard.items) != 2),
        ("a cancelled Put stayed", table.get_item(DynamoType({"S": "new"})) is not None),
        ("a cancelled Update stayed", kept is None or kept.attrs["n"].value != "1"),
    ] if failed]
    if problems:
        raise RuntimeError(f"moto {moto_version}: the in-place transaction rollback does not hold ({'; '.join(problems)}); "
                           "re-read DynamoDBBackend.transact_write_items and mend localstack/moto_server.py")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args()
    patch_transactions()
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, Serialized(app), threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()

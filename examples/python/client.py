#!/usr/bin/env python3
"""A small factx client: sends an article, prints its entities, facts and times.

  pip install grpcio grpcio-tools && ./generate.sh
  python client.py [--addr 127.0.0.1:50051] [--check] [FILE.txt]

With --check it also exercises the whole contract (batch, stream, offsets, errors) and exits
non-zero on any surprise; CI runs it that way against a live server.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen"))

import grpc  # noqa: E402
from factx.v1 import extraction_service_pb2 as svc  # noqa: E402
from factx.v1 import extraction_service_pb2_grpc as rpc  # noqa: E402
from factx.v1 import fact_set_pb2 as fs  # noqa: E402

SAMPLE = ("PARIS (Wire) - French President Emmanuel Macron met German Chancellor Olaf Scholz in "
          "Berlin on Monday. He said the two leaders discussed energy. “We agreed,” Macron told "
          "reporters. Scholz’s office said he would travel to Madrid next week.")


def article(body, id_="a1"):
    a = fs.Article(id=id_, body=body, language="en")
    a.published_at.FromJsonString("2024-08-13T06:00:00Z")
    return a


def show(body, f):
    for e in f.entities:
        print(f"{e.id} {fs.EntityType.Name(e.type)} {e.canonical_name!r}: "
              + ", ".join(body[m.span.start:m.span.end] for m in e.mentions))
    names = {e.id: e.canonical_name for e in f.entities}
    times = {t.id: t.text for t in f.times}
    for x in f.facts:
        args = []
        for a in x.arguments:
            kind = a.WhichOneof("value")
            val = names.get(a.entity_id) if kind == "entity_id" else times.get(a.time_id) if kind == "time_id" else a.text
            args.append(f"{a.role}={val}")
        print(f"{x.id} {fs.FactType.Name(x.type)} {x.predicate}({', '.join(args)}) {fs.Polarity.Name(x.polarity)}")
    for t in f.times:
        print(f"{t.id} {t.text!r} = {t.value}")


def check_spans(body, f):
    """Code-point offsets slice a Python str directly."""
    assert f.offset_unit == fs.OFFSET_UNIT_CODE_POINT, f.offset_unit
    for e in f.entities:
        for m in e.mentions:
            assert body[m.span.start:m.span.end] == m.text, (m.span, m.text)
    for t in f.times:
        assert body[t.span.start:t.span.end] == t.text, (t.span, t.text)


def check(stub, body):
    opts = fs.ExtractOptions(offset_unit=fs.OFFSET_UNIT_CODE_POINT)
    f = stub.Extract(svc.ExtractRequest(article=article(body), options=opts), timeout=10).fact_set
    check_spans(body, f)
    assert f.entities, "entities found"
    batch = stub.ExtractBatch(svc.ExtractBatchRequest(
        articles=[article(body, "b1"), article("", "b2"), article(body, "b3")], options=opts), timeout=10)
    assert [r.article_id for r in batch.results] == ["b1", "b2", "b3"]
    assert batch.results[1].WhichOneof("outcome") == "error"
    assert batch.results[1].error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert batch.results[1].error.reason == "EMPTY_BODY"
    reqs = (svc.ExtractStreamRequest(article=article(body, f"s{i}"), options=opts) for i in range(10))
    got = [r.result.article_id for r in stub.ExtractStream(reqs, timeout=30)]
    assert got == [f"s{i}" for i in range(10)], got
    try:
        stub.Extract(svc.ExtractRequest(article=article("")), timeout=10)
        raise AssertionError("empty body accepted")
    except grpc.RpcError as e:
        assert e.code() == grpc.StatusCode.INVALID_ARGUMENT, e.code()
    print("contract check: ok")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--addr", default="127.0.0.1:50051")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("file", nargs="?")
    a = ap.parse_args()
    body = open(a.file, encoding="utf-8").read() if a.file else SAMPLE
    with grpc.insecure_channel(a.addr) as ch:
        stub = rpc.FactExtractionServiceStub(ch)
        resp = stub.Extract(svc.ExtractRequest(
            article=article(body), options=fs.ExtractOptions(offset_unit=fs.OFFSET_UNIT_CODE_POINT)), timeout=10)
        show(body, resp.fact_set)
        if a.check:
            check(stub, body)


if __name__ == "__main__":
    main()

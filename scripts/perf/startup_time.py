# Usage: python startup_time.py path/to/factx PORT [serve flags...]  (needs grpcio, grpcio-health-checking)
# Leaves the server running and prints its pid.
# Launch `factx serve`, poll grpc.health.v1 until SERVING; print seconds from launch and VmRSS.
import subprocess, sys, time, grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
binary, port = sys.argv[1], sys.argv[2]
extra = sys.argv[3:]
t0 = time.perf_counter()
p = subprocess.Popen([binary, "serve", "--listen", f"127.0.0.1:{port}", *extra],
                     stdout=subprocess.DEVNULL, stderr=open(f"/tmp/factx-serve-{port}.log", "w"))
# Reconnect within milliseconds: with grpc's default backoff (1 s) a probe that comes before the
# server listens would measure the backoff, not the start-up.
ch = grpc.insecure_channel(f"127.0.0.1:{port}", options=[
    ("grpc.initial_reconnect_backoff_ms", 2), ("grpc.min_reconnect_backoff_ms", 2),
    ("grpc.max_reconnect_backoff_ms", 5)])
stub = health_pb2_grpc.HealthStub(ch)
while True:
    try:
        r = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=0.05)
        if r.status == health_pb2.HealthCheckResponse.SERVING:
            break
    except grpc.RpcError:
        pass
    if time.perf_counter() - t0 > 10:
        print("not SERVING after 10 s"); break
    time.sleep(0.002)
dt = time.perf_counter() - t0
rss = [l for l in open(f"/proc/{p.pid}/status") if l.startswith("VmRSS")][0].split()[1]
print(f"pid {p.pid} SERVING after {dt*1000:.1f} ms, VmRSS {rss} kB")

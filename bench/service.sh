# Shared by the bench scripts (sourced): waits until the service started as $SERVICE answers ready on $HTTP_PORT,
# printing the end of $DATA/service.log and exiting if it dies first or is not ready within 2 minutes.
await_ready() {
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$SERVICE" 2>/dev/null || { tail -40 "$DATA/service.log"; exit 1; }
    sleep 0.5
  done
  echo "service did not start"; exit 1
}

# peers.bash - the servers 104-fast_server is measured against, and how
# to start them (sourced by http_server.sh and idle.sh; $tmp must be set,
# and readable by nginx's workers; the file served is $tmp/site/file.html).
#
#   start_peer NAME PORT CPUS [N]
#       start h2o, nginx (open_file_cache on) or nginx-plain (off) on
#       127.0.0.1:PORT, on CPUS (taskset), with N threads or workers, in
#       the background: $! is its process, its stderr goes to $tmp/err
#   answering PORT
#       wait until 127.0.0.1:PORT serves file.html; fail after 5 s
#   free_port
#       print a port free now
#
#   nginx_conf PORT DIR [CACHED [WORKERS]]
#       nginx serving DIR on 127.0.0.1:PORT, access log off, sendfile and
#       tcp_nopush on (as in Debian's nginx.conf); with open_file_cache if
#       CACHED is "yes"; one process, or a master and WORKERS workers
#   h2o_conf PORT DIR [THREADS]
#       h2o serving DIR on 127.0.0.1:PORT with THREADS threads (default 1)
#
# Both keep idle connections 10 minutes and allow 20,000 of them, as
# 104-fast_server does with CLIENT_TIMEOUT=600: idle.sh holds thousands
# open, and a server that closed them would look lighter than it is.

nginx_conf() {
	local workers=${4:-1} master=off
	((workers == 1)) || master=on
	cat <<CONF
worker_processes $workers;
master_process $master;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx.err;
worker_rlimit_nofile 20000;
events { worker_connections 20000; }
http {
	include /etc/nginx/mime.types;
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	keepalive_timeout 600s;
	client_header_timeout 600s;
	client_body_temp_path $tmp/body;
	proxy_temp_path $tmp/proxy;
	fastcgi_temp_path $tmp/fastcgi;
	uwsgi_temp_path $tmp/uwsgi;
	scgi_temp_path $tmp/scgi;
	$([[ ${3:-} == yes ]] && echo "open_file_cache max=1000 inactive=60s;")
	$([[ ${3:-} == yes ]] && echo "open_file_cache_valid 60s;")
	server { listen 127.0.0.1:$1; root $2; }
}
CONF
}

h2o_conf() {
	cat <<CONF
num-threads: ${3:-1}
max-connections: 20000
http1-request-timeout: 600
listen:
  host: 127.0.0.1
  port: $1
hosts:
  default:
    paths:
      /:
        file.dir: $2
CONF
}

start_peer() {
	case $1 in
	h2o) h2o_conf "$2" "$tmp/site" "${4:-1}" >"$tmp/h2o.conf"
		taskset -c "$3" h2o -c "$tmp/h2o.conf" >/dev/null 2>"$tmp/err" & ;;
	nginx | nginx-plain)
		nginx_conf "$2" "$tmp/site" "$([[ $1 == nginx ]] && echo yes)" \
			"${4:-1}" >"$tmp/nginx.conf"
		taskset -c "$3" nginx -c "$tmp/nginx.conf" >/dev/null 2>"$tmp/err" & ;;
	esac
}

answering() {
	for _ in $(seq 50); do
		curl -sf -o /dev/null "http://127.0.0.1:$1/file.html" && return 0
		sleep 0.1
	done
	return 1
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

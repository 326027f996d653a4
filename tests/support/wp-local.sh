#!/usr/bin/env bash
# wp-local.sh — throwaway local WordPress (Debian package) + MariaDB for end-to-end tests.
#
#   wp-local.sh start DIR PORT      bring up MariaDB + WordPress in DIR, served on http://127.0.0.1:PORT
#                                   prints ONE JSON line on stdout:
#                                   {"url","rest_url","user","app_password","admin_password","pids":{...},...}
#   wp-local.sh stop DIR [--purge]  stop what `start` started in DIR (by recorded PID / process group);
#                                   --purge also deletes the files start created in DIR
#   wp-local.sh status DIR          print the JSON line if running (exit 0), else exit 3
#   wp-local.sh user DIR LOGIN [ROLE]   ensure a user with ROLE (default subscriber) exists, create a
#                                   new application password for it, print JSON {user,id,role,app_password,...}
#   wp-local.sh eval DIR 'PHP CODE' run PHP with WordPress loaded (wp-load.php), e.g. "echo get_bloginfo('version');"
#   wp-local.sh max-body DIR SIZE   change the emulated proxy body limit at run time (e.g. 1M; 0 = off)
#
# Needs (Debian 12):
#   apt-get install -y --no-install-recommends wordpress wordpress-theme-twentytwentythree \
#       mariadb-server php-cli php-mysql php-gd php-xml php-mbstring php-curl
# Nothing is started system-wide: MariaDB runs on a unix socket inside DIR (no TCP port), PHP's
# built-in server listens on 127.0.0.1:PORT only.  Debian's WordPress reads its config from
# /etc/wordpress/config-<name>.php; this script writes /etc/wordpress/config-wplocal-<hash of DIR>.php
# (removed by stop).  If /etc/wordpress is not writable (non-root), it falls back to a private copy
# of /usr/share/wordpress in DIR/wp-core (~60 MB).  Force with WP_LOCAL_MODE=debian|copy.
#
# Environment knobs (all optional):
#   WP_LOCAL_WORKERS=4          PHP_CLI_SERVER_WORKERS (>=2 needed: WP makes loopback requests)
#   WP_LOCAL_UPLOAD_MAX=2M      php upload_max_filesize   (PHP/Debian default)
#   WP_LOCAL_POST_MAX=8M        php post_max_size         (PHP/Debian default)
#   WP_LOCAL_ADMIN_USER=admin   WP_LOCAL_ADMIN_EMAIL=admin@example.com  WP_LOCAL_TITLE="wp-local"
#   WP_LOCAL_TIMEOUT=60         seconds to wait for each service to come up
#   WP_LOCAL_MAX_BODY=          e.g. 1M: answer requests with a bigger body with an nginx-style HTML 413
#                               (php -S itself has no body limit; real hosts' proxies do)
# Test switch at run time (no restart):
#   wp-local.sh eval DIR "update_option('wp_local_app_passwords_off', 1);"   # site without app passwords
#   wp-local.sh eval DIR "delete_option('wp_local_app_passwords_off');"
# The WP_LOCAL_MAX_BODY limit can also be switched at run time (`max-body`), so one site serves the
# tests that need a proxy limit and those that do not.
set -euo pipefail

APT_CMD="apt-get update && apt-get install -y --no-install-recommends wordpress wordpress-theme-twentytwentythree mariadb-server php-cli php-mysql php-gd php-xml php-mbstring php-curl"
DEBIAN_CORE=/usr/share/wordpress

WORKERS="${WP_LOCAL_WORKERS:-4}"
UPLOAD_MAX="${WP_LOCAL_UPLOAD_MAX:-2M}"
POST_MAX="${WP_LOCAL_POST_MAX:-8M}"
ADMIN_USER="${WP_LOCAL_ADMIN_USER:-admin}"
ADMIN_EMAIL="${WP_LOCAL_ADMIN_EMAIL:-admin@example.com}"
TITLE="${WP_LOCAL_TITLE:-wp-local}"
TIMEOUT="${WP_LOCAL_TIMEOUT:-60}"
MAX_BODY="${WP_LOCAL_MAX_BODY:-}"

T0=$(date +%s%N)
log() { local ms=$(( ($(date +%s%N) - T0) / 1000000 )); printf 'wp-local[%d.%03ds]: %s\n' $((ms/1000)) $((ms%1000)) "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { sed -n '2,37p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# ---------------------------------------------------------------- helpers
check_deps() {
  local missing=()
  command -v php >/dev/null || missing+=(php-cli)
  command -v mariadb-install-db >/dev/null || missing+=(mariadb-server)
  [ -x /usr/sbin/mariadbd ] || command -v mariadbd >/dev/null || missing+=(mariadb-server)
  command -v mariadb-admin >/dev/null || command -v mysqladmin >/dev/null || missing+=(mariadb-client)
  [ -f "$DEBIAN_CORE/wp-load.php" ] || missing+=(wordpress)
  if command -v php >/dev/null; then
    php -r 'exit(extension_loaded("mysqli") ? 0 : 1);' || missing+=(php-mysql)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    log "missing: ${missing[*]}"
    log "install with:  $APT_CMD"
    exit 2
  fi
}

mariadbd_bin() { if [ -x /usr/sbin/mariadbd ]; then echo /usr/sbin/mariadbd; else command -v mariadbd; fi; }
madmin() { if command -v mariadb-admin >/dev/null; then mariadb-admin "$@"; else mysqladmin "$@"; fi; }
mclient() { if command -v mariadb >/dev/null; then mariadb "$@"; else mysql "$@"; fi; }

# alive PID: process exists and is not a zombie
alive() {
  local pid="$1" line st
  [ -n "$pid" ] || return 1
  { read -r line < "/proc/$pid/stat"; } 2>/dev/null || return 1
  st=${line##*) }; st=${st%% *}
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}
# cmdline_has PID STRING: the process's command line contains STRING (guards against PID reuse)
cmdline_has() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"; }
# group_members PGID: live (non-zombie) pids in process group PGID
group_members() {
  local pgid="$1" p line rest st pg
  for p in /proc/[0-9]*; do
    { read -r line < "$p/stat"; } 2>/dev/null || continue
    rest=${line##*) }
    st=${rest%% *}; rest=${rest#* }; rest=${rest#* }; pg=${rest%% *}
    [ "$pg" = "$pgid" ] && [ "$st" != Z ] && [ "$st" != X ] && echo "${p#/proc/}"
  done
  return 0
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
to_bytes() { # 1M -> 1048576, 512K, 2G, plain bytes
  local v="$1" n
  case "$v" in
    '') echo 0;; *[kK]) n=${v%?}; echo $((n*1024));; *[mM]) n=${v%?}; echo $((n*1048576));;
    *[gG]) n=${v%?}; echo $((n*1073741824));; *[!0-9]*) die "bad size: $v";; *) echo "$v";;
  esac
}
randstr() { head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c "${1:-24}"; }

set_paths() {
  DIR="$1"
  case "$DIR" in *[!A-Za-z0-9._/+-]*) die "DIR must match [A-Za-z0-9._/+-]: $DIR";; esac
  HASH=$(printf '%s' "$DIR" | sha1sum | cut -c1-12)
  CFGNAME="wplocal-$HASH"
  ETC_CFG="/etc/wordpress/config-$CFGNAME.php"
  RUN="$DIR/run"; LOGS="$DIR/logs"; DATADIR="$DIR/mysql"
  SOCK="$RUN/mysql.sock"
  # unix socket paths are limited to 107 bytes
  if [ "${#SOCK}" -gt 100 ]; then SOCK="/tmp/wp-local-$HASH.sock"; fi
  STATE="$DIR/wp-local.json"
  PHPINI_ARGS=()
}

php_args() {
  # common php -d flags (server and CLI helper)
  PHPINI_ARGS=(-d "auto_prepend_file=$DIR/prepend.php" -d display_errors=0 -d log_errors=1
               -d "error_log=$LOGS/php-error.log" -d "upload_max_filesize=$UPLOAD_MAX"
               -d "post_max_size=$POST_MAX" -d memory_limit=256M)
}

helper() { php "${PHPINI_ARGS[@]}" "$DIR/bin/helper.php" "$@"; }

state_get() { # state_get KEY -> value from wp-local.json (top-level or pids.KEY)
  [ -f "$STATE" ] || return 1
  php -r '$j=json_decode(file_get_contents($argv[1]),true); $k=$argv[2];
          $v=$j[$k] ?? ($j["pids"][$k] ?? ($j["config"][$k] ?? null)); if ($v===null) exit(1); echo $v;' "$STATE" "$1"
}

mysqld_pid() { cat "$RUN/mariadbd.pid" 2>/dev/null || true; }
php_pid() { cat "$RUN/php.pid" 2>/dev/null || true; }
mysqld_running() { local p; p=$(mysqld_pid); alive "$p" && cmdline_has "$p" "--datadir=$DATADIR"; }
php_running() {
  local p; p=$(php_pid); [ -n "$p" ] || return 1
  [ -n "$(group_members "$p")" ] || return 1
  # the leader may be gone while workers still serve; check any member's cmdline
  local m; for m in $(group_members "$p"); do cmdline_has "$m" "-t $DIR/docroot" && return 0; done
  return 1
}

wait_for() { # wait_for SECONDS CMD... ; polls every 0.1s
  local t="$1"; shift; local end=$(( $(date +%s) + t ))
  while :; do "$@" && return 0; [ "$(date +%s)" -ge "$end" ] && return 1; sleep 0.1; done
}

# ---------------------------------------------------------------- file generation
write_files() { # write_files PORT
  local port="$1" url="http://127.0.0.1:$1" mode core
  mode="${WP_LOCAL_MODE:-}"
  if [ -z "$mode" ]; then
    if [ -f "$DIR/wp-core/wp-load.php" ]; then mode=copy
    elif [ -d /etc/wordpress ] && [ -w /etc/wordpress ]; then mode=debian
    else mode=copy; fi
  fi
  MODE="$mode"
  mkdir -p "$RUN" "$LOGS" "$DIR/bin" "$DIR/wp-content/uploads" "$DIR/wp-content/plugins" "$DIR/wp-content/mu-plugins"
  : > "$DIR/.wp-local"   # marker for --purge

  if [ "$mode" = copy ]; then
    if [ ! -f "$DIR/wp-core/wp-load.php" ]; then
      rm -rf "$DIR/wp-core.tmp"; cp -a "$DEBIAN_CORE" "$DIR/wp-core.tmp"; mv "$DIR/wp-core.tmp" "$DIR/wp-core"
    fi
    rm -f "$DIR/wp-core/wp-config.php"
    cat > "$DIR/wp-core/wp-config.php" <<EOF
<?php
require '$DIR/wp-config-local.php';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
EOF
    core="$DIR/wp-core"
  else
    [ -w /etc/wordpress ] || die "/etc/wordpress not writable; use WP_LOCAL_MODE=copy"
    printf "<?php\nrequire '%s/wp-config-local.php';\n" "$DIR" > "$ETC_CFG.tmp"
    mv "$ETC_CFG.tmp" "$ETC_CFG"
    core="$DEBIAN_CORE"
  fi

  # document root: symlinks to the core, but wp-content is ours (uploads are served by php -S from here)
  rm -rf "$DIR/docroot.tmp"; mkdir -p "$DIR/docroot.tmp"
  local e b
  for e in "$core"/* "$core"/.htaccess; do
    [ -e "$e" ] || [ -L "$e" ] || continue
    b=$(basename "$e"); [ "$b" = wp-content ] && continue
    ln -s "$e" "$DIR/docroot.tmp/$b"
  done
  ln -s "$DIR/wp-content" "$DIR/docroot.tmp/wp-content"
  rm -rf "$DIR/docroot"; mv "$DIR/docroot.tmp" "$DIR/docroot"

  if [ ! -e "$DIR/wp-content/themes" ]; then
    if [ -d "$DEBIAN_CORE/wp-content/themes" ]; then ln -s "$DEBIAN_CORE/wp-content/themes" "$DIR/wp-content/themes"
    else mkdir -p "$DIR/wp-content/themes"; fi
  fi
  [ -f "$DIR/wp-content/index.php" ] || echo '<?php // Silence is golden.' > "$DIR/wp-content/index.php"
  [ -f "$DIR/wp-content/plugins/index.php" ] || echo '<?php // Silence is golden.' > "$DIR/wp-content/plugins/index.php"

  cat > "$DIR/wp-content/mu-plugins/wp-local.php" <<'EOF'
<?php
/* wp-local.sh: no sendmail here; pretend every mail was sent. */
add_filter('pre_wp_mail', '__return_true');
/* test switch: wp-local.sh eval DIR "update_option('wp_local_app_passwords_off', 1);"
   makes the site behave like one where Application Passwords are unavailable (e.g. plain http, not 'local'). */
if (get_option('wp_local_app_passwords_off')) {
    add_filter('wp_is_application_passwords_available', '__return_false');
}
EOF

  # secrets are generated once and kept across restarts
  if [ ! -f "$DIR/secrets.php" ]; then
    {
      echo "<?php"
      echo "define('DB_PASSWORD', '$(randstr 24)');"
      local k; for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
        echo "define('$k', '$(randstr 48)');"
      done
      echo "\$wp_local_admin_password = '$(randstr 20)';"
    } > "$DIR/secrets.php.tmp"
    chmod 600 "$DIR/secrets.php.tmp"; mv "$DIR/secrets.php.tmp" "$DIR/secrets.php"
  fi

  cat > "$DIR/wp-config-local.php" <<EOF
<?php
/* generated by wp-local.sh — rewritten on every start */
require '$DIR/secrets.php';
define('DB_NAME', 'wordpress');
define('DB_USER', 'wp');
define('DB_HOST', 'localhost:$SOCK');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
\$table_prefix = 'wp_';
define('WP_HOME', '$url');
define('WP_SITEURL', '$url');
define('WP_CONTENT_DIR', '$DIR/wp-content');
define('WP_CONTENT_URL', '$url/wp-content');
define('WP_ENVIRONMENT_TYPE', 'local');   /* application passwords over plain http */
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);   /* no internet: fail fast instead of timing out */
define('WP_DEBUG', false);
EOF

  local maxbody; maxbody=$(to_bytes "$MAX_BODY")
  cat > "$DIR/prepend.php" <<EOF
<?php
\$_SERVER['WORDPRESS_CONFIG'] = '$CFGNAME';
/* the limit can be changed at run time (wp-local.sh max-body DIR SIZE) without a restart */
\$wp_local_max_body = is_file('$RUN/max_body') ? (int)file_get_contents('$RUN/max_body') : $maxbody;
if (PHP_SAPI === 'cli-server' && \$wp_local_max_body > 0 && (int)(\$_SERVER['CONTENT_LENGTH'] ?? 0) > \$wp_local_max_body) {
    /* emulate a reverse proxy's body limit (nginx client_max_body_size) */
    http_response_code(413);
    header('Content-Type: text/html');
    echo "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    exit;
}
if (PHP_SAPI === 'cli') {
    \$_SERVER['HTTP_HOST'] = '127.0.0.1:$port';
    \$_SERVER['SERVER_NAME'] = '127.0.0.1';
    \$_SERVER['SERVER_PORT'] = '$port';
    if (!isset(\$_SERVER['REQUEST_URI'])) \$_SERVER['REQUEST_URI'] = '/';
}
EOF

  write_helper
}

write_helper() {
  cat > "$DIR/bin/helper.php" <<'EOF'
<?php
/* wp-local.sh helper: small HTTP client + WordPress-side actions. */
$cmd = $argv[1] ?? '';
$dir = dirname(__DIR__);

function http($method, $url, $auth = null, $form = null, $timeout = 20) {
    $headers = [];
    if ($auth) $headers[] = 'Authorization: Basic ' . base64_encode($auth);
    $opts = ['method' => $method, 'ignore_errors' => true, 'timeout' => $timeout, 'follow_location' => 0];
    if ($form !== null) { $opts['content'] = http_build_query($form); $headers[] = 'Content-Type: application/x-www-form-urlencoded'; }
    $opts['header'] = implode("\r\n", $headers);
    $body = @file_get_contents($url, false, stream_context_create(['http' => $opts]));
    $status = 0;
    if (isset($http_response_header[0]) && preg_match('#HTTP/\S+\s+(\d+)#', $http_response_header[0], $m)) $status = (int)$m[1];
    return [$status, $body === false ? '' : $body];
}
function load_wp($dir) {
    global $wpdb;
    require $dir . '/docroot/wp-load.php';
}

switch ($cmd) {
case 'wait-http':       // wait-http URL SECONDS
    $end = microtime(true) + (float)$argv[3];
    do { [$s] = http('GET', $argv[2], null, null, 2); if ($s >= 200 && $s < 500) exit(0); usleep(100000); } while (microtime(true) < $end);
    exit(1);
case 'install':         // install URL TITLE USER PASSWORD EMAIL
    [$s, $b] = http('POST', $argv[2] . '/wp-admin/install.php?step=2', null, [
        'weblog_title' => $argv[3], 'user_name' => $argv[4], 'admin_password' => $argv[5],
        'admin_password2' => $argv[5], 'pw_weak' => '1', 'admin_email' => $argv[6], 'blog_public' => '0',
        'language' => ''], 120);
    if ($s === 200 && strpos($b, '<h1>Success!</h1>') !== false) exit(0);
    fwrite(STDERR, "install failed: HTTP $s\n" . substr(strip_tags($b), 0, 2000) . "\n");
    exit(1);
case 'check-auth':      // check-auth URL USER APP_PASSWORD  -> exit 0 if REST says we are that user with edit rights
    // ?rest_route= works with and without pretty permalinks
    [$s, $b] = http('GET', $argv[2] . '/?rest_route=/wp/v2/users/me&context=edit', $argv[3] . ':' . $argv[4]);
    $j = json_decode($b, true);
    if ($s === 200 && is_array($j) && ($j['username'] ?? '') === $argv[3]) exit(0);
    fwrite(STDERR, "check-auth: HTTP $s " . substr($b, 0, 300) . "\n");
    exit(1);
case 'app-password':    // app-password LOGIN NAME -> JSON
    load_wp($dir);
    $u = get_user_by('login', $argv[2]);
    if (!$u) { fwrite(STDERR, "no such user: {$argv[2]}\n"); exit(1); }
    $r = WP_Application_Passwords::create_new_application_password($u->ID, ['name' => $argv[3]]);
    if (is_wp_error($r)) { fwrite(STDERR, $r->get_error_code() . ': ' . $r->get_error_message() . "\n"); exit(1); }
    echo json_encode(['user' => $u->user_login, 'id' => $u->ID, 'role' => implode(',', $u->roles),
        'app_password' => WP_Application_Passwords::chunk_password($r[0]), 'uuid' => $r[1]['uuid']], JSON_UNESCAPED_SLASHES), "\n";
    exit(0);
case 'ensure-user':     // ensure-user LOGIN ROLE
    load_wp($dir);
    require_once ABSPATH . 'wp-admin/includes/user.php';
    $login = $argv[2]; $role = $argv[3];
    if (!get_role($role)) { fwrite(STDERR, "no such role: $role\n"); exit(1); }
    $u = get_user_by('login', $login);
    if (!$u) {
        $id = wp_insert_user(['user_login' => $login, 'user_pass' => wp_generate_password(20, false),
            'user_email' => preg_replace('/[^a-z0-9._-]/i', '', $login) . '@example.com', 'role' => $role]);
        if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    } else {
        $u->set_role($role);
    }
    exit(0);
case 'info':            // -> JSON {version, rest_url, permalink_structure}
    load_wp($dir);
    echo json_encode(['version' => get_bloginfo('version'), 'rest_url' => get_rest_url(),
        'permalink_structure' => get_option('permalink_structure')], JSON_UNESCAPED_SLASHES);
    exit(0);
case 'eval':            // eval CODE
    load_wp($dir);
    eval($argv[2]);
    exit(0);
default:
    fwrite(STDERR, "unknown helper command: $cmd\n");
    exit(2);
}
EOF
}

# ---------------------------------------------------------------- mariadb
start_mysqld() {
  local bin user_args=() extra
  bin=$(mariadbd_bin)
  [ "$(id -u)" = 0 ] && user_args=(--user=root)
  extra=(--innodb-log-file-size=8M --innodb-buffer-pool-size=32M)
  if [ ! -d "$DATADIR/mysql" ]; then
    log "initialising MariaDB datadir $DATADIR"
    rm -rf "$DATADIR.tmp"
    mariadb-install-db --no-defaults --datadir="$DATADIR.tmp" "${user_args[@]}" \
      --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve "${extra[@]}" \
      > "$LOGS/mariadb-install-db.log" 2>&1 || { tail -20 "$LOGS/mariadb-install-db.log" >&2; die "mariadb-install-db failed"; }
    mv "$DATADIR.tmp" "$DATADIR"
  fi
  rm -f "$SOCK"
  log "starting mariadbd (socket $SOCK)"
  setsid "$bin" --no-defaults "${user_args[@]}" --datadir="$DATADIR" --socket="$SOCK" --skip-networking \
    --pid-file="$RUN/mariadbd.server.pid" --log-error="$LOGS/mariadbd.err" --skip-name-resolve \
    --skip-log-bin --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-flush-log-at-trx-commit=2 --max-connections=100 "${extra[@]}" \
    </dev/null >>"$LOGS/mariadbd.out" 2>&1 9>&- &
  echo $! > "$RUN/mariadbd.pid"
  if ! wait_for "$TIMEOUT" mysqld_ping; then
    tail -30 "$LOGS/mariadbd.err" >&2 || true
    die "mariadbd did not come up within ${TIMEOUT}s"
  fi
}
mysqld_ping() {
  mysqld_running || { tail -30 "$LOGS/mariadbd.err" >&2 || true; die "mariadbd exited"; }
  madmin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1
}
ensure_db() {
  local pw
  pw=$(php -r 'require $argv[1]; echo DB_PASSWORD;' "$DIR/secrets.php")
  mclient --no-defaults --socket="$SOCK" -uroot <<EOF
CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'wp'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'wp'@'localhost' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wp'@'localhost';
FLUSH PRIVILEGES;
EOF
}
wp_installed() {
  [ -n "$(mclient --no-defaults --socket="$SOCK" -uroot -N -B -e \
     "SELECT option_value FROM wordpress.wp_options WHERE option_name='siteurl'" 2>/dev/null)" ]
}

# ---------------------------------------------------------------- php -S
start_php() { # start_php PORT
  local port="$1"
  log "starting php -S 127.0.0.1:$port (workers=$WORKERS)"
  PHP_CLI_SERVER_WORKERS="$WORKERS" setsid php "${PHPINI_ARGS[@]}" -S "127.0.0.1:$port" -t "$DIR/docroot" \
    </dev/null >>"$LOGS/php-server.log" 2>&1 9>&- &
  echo $! > "$RUN/php.pid"
  STARTED_PHP=$!
  if ! wait_for "$TIMEOUT" php_ping "$port"; then
    tail -20 "$LOGS/php-server.log" >&2 || true
    die "php -S did not answer on port $port within ${TIMEOUT}s"
  fi
}
php_ping() {
  alive "$STARTED_PHP" || { tail -20 "$LOGS/php-server.log" >&2 || true; die "php -S exited (port $1 taken?)"; }
  port_in_use "$1"
}

# ---------------------------------------------------------------- stop
stop_php() {
  local p m
  p=$(php_pid); [ -n "$p" ] || return 0
  if php_running; then
    log "stopping php -S (process group $p)"
    kill -TERM -- "-$p" 2>/dev/null || true     # the whole group: workers survive a TERM to the master alone
    for _ in $(seq 1 50); do [ -z "$(group_members "$p")" ] && break; sleep 0.1; done
    for m in $(group_members "$p"); do
      if cmdline_has "$m" "$DIR/docroot"; then kill -KILL "$m" 2>/dev/null || true; fi
    done
  fi
  rm -f "$RUN/php.pid"
}
stop_mysqld() {
  local p
  p=$(mysqld_pid); [ -n "$p" ] || return 0
  if mysqld_running; then
    log "stopping mariadbd (pid $p)"
    madmin --no-defaults --socket="$SOCK" -uroot --shutdown-timeout=20 shutdown >/dev/null 2>&1 || kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 300); do alive "$p" || break; sleep 0.1; done
    if alive "$p" && cmdline_has "$p" "--datadir=$DATADIR"; then log "mariadbd did not stop; SIGKILL"; kill -KILL "$p" 2>/dev/null || true; fi
  fi
  rm -f "$RUN/mariadbd.pid" "$SOCK"
}

# ---------------------------------------------------------------- commands
emit_state() { # emit_state PORT APP_PASSWORD REUSED
  local port="$1" app="$2" reused="$3" admin_pw wpinfo
  admin_pw=$(php -r 'require $argv[1]; echo $wp_local_admin_password;' "$DIR/secrets.php")
  wpinfo=$(helper info 2>/dev/null || echo '{}')
  WPL_DIR="$DIR" WPL_PORT="$port" WPL_USER="$ADMIN_USER" WPL_APP="$app" WPL_ADMINPW="$admin_pw" \
  WPL_MPID="$(mysqld_pid)" WPL_PPID="$(php_pid)" WPL_SOCK="$SOCK" WPL_INFO="$wpinfo" WPL_REUSED="$reused" \
  WPL_MODE="$MODE" WPL_UP="$UPLOAD_MAX" WPL_POST="$POST_MAX" WPL_MAXBODY="$MAX_BODY" \
  php -r '
    $url = "http://127.0.0.1:" . getenv("WPL_PORT");
    $info = json_decode(getenv("WPL_INFO"), true) ?: [];
    echo json_encode([
      "url" => $url, "rest_url" => $info["rest_url"] ?? ($url . "/?rest_route=/"), "rest_url_plain" => $url . "/?rest_route=/",
      "user" => getenv("WPL_USER"), "app_password" => getenv("WPL_APP"),
      "admin_password" => getenv("WPL_ADMINPW"),
      "pids" => ["mariadbd" => (int)getenv("WPL_MPID"), "php" => (int)getenv("WPL_PPID")],
      "port" => (int)getenv("WPL_PORT"), "dir" => getenv("WPL_DIR"), "db_socket" => getenv("WPL_SOCK"),
      "wp_version" => $info["version"] ?? "unknown", "permalink_structure" => $info["permalink_structure"] ?? null, "reused" => getenv("WPL_REUSED") === "1",
      "config" => ["mode" => getenv("WPL_MODE"), "upload_max_filesize" => getenv("WPL_UP"), "post_max_size" => getenv("WPL_POST"), "max_body" => getenv("WPL_MAXBODY")],
    ], JSON_UNESCAPED_SLASHES), "\n";' > "$STATE.tmp"
  mv "$STATE.tmp" "$STATE"
  cat "$STATE"
}

cmd_start() {
  [ $# -eq 2 ] || usage
  local port="$2" app="" reused=0 admin_pw url
  case "$port" in ''|*[!0-9]*) die "PORT must be a number";; esac
  [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "PORT out of range"
  check_deps
  mkdir -p "$1"; set_paths "$(cd "$1" && pwd -P)"
  mkdir -p "$RUN" "$LOGS"
  exec 9>"$DIR/.wp-local.lock"
  flock -w 300 9 || die "another wp-local.sh is working on $DIR"
  php_args
  [ "$WORKERS" -ge 2 ] 2>/dev/null || log "warning: WP_LOCAL_WORKERS=$WORKERS < 2: WordPress' loopback requests (install permalink test) will stall ~10s and permalinks stay plain"
  url="http://127.0.0.1:$port"

  # already running?
  if mysqld_running && php_running; then
    local oldport; oldport=$(state_get port 2>/dev/null || echo "")
    if [ "$oldport" = "$port" ] \
       && [ "$(state_get upload_max_filesize 2>/dev/null)" = "$UPLOAD_MAX" ] \
       && [ "$(state_get post_max_size 2>/dev/null)" = "$POST_MAX" ] \
       && [ "$(state_get max_body 2>/dev/null || true)" = "$MAX_BODY" ]; then
      app=$(state_get app_password 2>/dev/null || echo "")
      if [ -n "$app" ] && helper check-auth "$url" "$ADMIN_USER" "$app" 2>/dev/null; then
        MODE=$(state_get mode 2>/dev/null || echo "?")
        log "already running on $url"
        cat "$STATE"; return 0
      fi
    fi
    log "running instance differs (port ${oldport:-?} or php limits); restarting"
  fi
  stop_php; stop_mysqld
  rm -f "$RUN/max_body"   # a run-time limit does not outlive the server it was set on
  port_in_use "$port" && die "port $port on 127.0.0.1 is already in use by something else"

  STARTED_PHP=""
  # shellcheck disable=SC2154  # rc is assigned inside the trap string
  trap 'rc=$?; if [ $rc -ne 0 ]; then log "start failed; stopping what this call started (logs in $LOGS)"; stop_php >/dev/null 2>&1 || true; stop_mysqld >/dev/null 2>&1 || true; fi' EXIT

  write_files "$port"
  start_mysqld
  ensure_db
  start_php "$port"
  admin_pw=$(php -r 'require $argv[1]; echo $wp_local_admin_password;' "$DIR/secrets.php")

  if ! wp_installed; then
    log "installing WordPress (install.php?step=2)"
    helper install "$url" "$TITLE" "$ADMIN_USER" "$admin_pw" "$ADMIN_EMAIL" || die "WordPress install failed"
    wp_installed || die "WordPress install did not record siteurl"
  else
    reused=1
  fi

  # reuse the recorded app password if it still works, else mint a new one
  app=$(state_get app_password 2>/dev/null || echo "")
  if [ -z "$app" ] || ! helper check-auth "$url" "$ADMIN_USER" "$app" 2>/dev/null; then
    app=$(helper app-password "$ADMIN_USER" "wp-local-$(date +%s)" | php -r 'echo json_decode(stream_get_contents(STDIN),true)["app_password"];')
    [ -n "$app" ] || die "could not create application password"
    helper check-auth "$url" "$ADMIN_USER" "$app" || die "application password does not authenticate over REST"
  fi
  trap - EXIT
  emit_state "$port" "$app" "$reused"
}

cmd_stop() {
  [ $# -ge 1 ] || usage
  local purge=0; [ "${2:-}" = "--purge" ] && purge=1
  if [ ! -d "$1" ]; then log "$1: no such directory; nothing to stop"; return 0; fi
  set_paths "$(cd "$1" && pwd -P)"
  if [ -f "$DIR/.wp-local.lock" ]; then exec 9>"$DIR/.wp-local.lock"; flock -w 120 9 || die "$DIR is locked"; fi
  stop_php
  stop_mysqld
  rm -f "$ETC_CFG"
  if [ "$purge" = 1 ]; then
    [ -f "$DIR/.wp-local" ] || die "$DIR has no .wp-local marker; refusing to purge"
    local d="${DIR:?}"
    rm -rf "$d/mysql" "$d/mysql.tmp" "$d/docroot" "$d/docroot.tmp" "$d/wp-content" "$d/wp-core" "$d/wp-core.tmp" \
           "$d/run" "$d/logs" "${d:?}/bin" "$d/secrets.php" "$d/wp-config-local.php" "$d/prepend.php" \
           "$d/wp-local.json" "$d/.wp-local" "$d/.wp-local.lock"
    rmdir "$d" 2>/dev/null || true
    log "purged $DIR"
  fi
  log "stopped"
}

cmd_status() {
  [ $# -eq 1 ] && [ -d "$1" ] || { log "not running"; exit 3; }
  set_paths "$(cd "$1" && pwd -P)"
  if mysqld_running && php_running && [ -f "$STATE" ]; then cat "$STATE"; return 0; fi
  log "not running (mariadbd: $(mysqld_running && echo up || echo down), php: $(php_running && echo up || echo down))"
  exit 3
}

need_running() {
  set_paths "$(cd "$1" && pwd -P)"
  mysqld_running && php_running && [ -f "$STATE" ] || die "not running; run: $0 start $1 PORT"
  UPLOAD_MAX=$(state_get upload_max_filesize 2>/dev/null || echo "$UPLOAD_MAX")
  POST_MAX=$(state_get post_max_size 2>/dev/null || echo "$POST_MAX")
  php_args
}

cmd_user() {
  [ $# -ge 2 ] || usage
  need_running "$1"
  local login="$2" role="${3:-subscriber}"
  helper ensure-user "$login" "$role"
  helper app-password "$login" "wp-local-$(date +%s)"
}

cmd_eval() {
  [ $# -eq 2 ] || usage
  need_running "$1"
  helper eval "$2"
}

cmd_max_body() {
  [ $# -eq 2 ] || usage
  need_running "$1"
  local n; n=$(to_bytes "$2")
  if [ "$n" -gt 0 ]; then printf '%s' "$n" > "$RUN/max_body.tmp"; mv "$RUN/max_body.tmp" "$RUN/max_body"
  else rm -f "$RUN/max_body"; fi
  log "max body: ${n} bytes (0 = off)"
}

main() {
  [ $# -ge 1 ] || usage
  local c="$1"; shift
  case "$c" in
    start) cmd_start "$@";;
    stop) cmd_stop "$@";;
    status) cmd_status "$@";;
    user) cmd_user "$@";;
    eval) cmd_eval "$@";;
    max-body) cmd_max_body "$@";;
    -h|--help|help) usage;;
    *) usage;;
  esac
}
main "$@"

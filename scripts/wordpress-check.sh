#!/usr/bin/env bash
# The WordPress plugin in a real WordPress (`npm run test:wordpress`, run by .ci/run). Non-interactive:
#   1. Debian's wordpress, mariadb-server, apache2, libapache2-mod-php and php-mysql (installed when missing);
#   2. the plugin packaged from the current build (`npm run wordpress:package`; builds first when dist/ is empty);
#   3. MariaDB on its default socket (started when not running), a fresh database; Apache on
#      127.0.0.1:$WP_PORT (8871) with its own config (nothing in /etc/apache2 is touched), WordPress's
#      host config in /etc/wordpress/config-civic-wp-check.php (selected with SetEnv WORDPRESS_CONFIG),
#      wp-content in $RUN; DISALLOW_UNFILTERED_HTML, as on a locked-down site or a multisite;
#   4. scripts/wordpress-check.php: installs WordPress (wp_install), installs the plugin's zip with
#      WordPress's own unzip and activates it, sets the default endpoint, creates an author and a
#      contributor, and checks the shortcodes and kses from PHP;
#   5. the reference backend on 127.0.0.1:$API_PORT (8870), PGlite in $RUN, CORS limited to the WordPress origin;
#   6. scripts/wordpress-check.mjs: the author's posts (REST API, application password), the pages in
#      headless Chromium, a vote through each page arriving at the backend, the editor's block sidebar,
#      the settings page.
# Everything it started is stopped at the end. Prints `N passed, N failed`, then a PASS/FAIL line.
# WP_CHECK_DOCS=1 also writes the screenshots of docs/embed/wordpress.md (docs/embed/img/wordpress-*.png).
set -uo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
WP_PORT=${WP_PORT:-8871}
API_PORT=${API_PORT:-8870}
RUN=${WP_CHECK_DIR:-/tmp/civic-wp-check}
CONFIG_NAME=civic-wp-check
CONFIG=/etc/wordpress/config-$CONFIG_NAME.php
DB=civic_wp_check
started=$(date +%s)
salt() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; }
step() { echo "--- $(( $(date +%s) - started )) s: $*"; }
pids=()
mariadb_pid=

finish() {
  local code=$1 reason=${2:-}
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  mariadb -e "DROP DATABASE IF EXISTS $DB; DROP USER IF EXISTS '$DB'@'localhost';" 2>/dev/null
  if [ -n "$mariadb_pid" ]; then
    mariadb-admin shutdown 2>/dev/null || kill "$mariadb_pid" 2>/dev/null
    wait "$mariadb_pid" 2>/dev/null
  fi
  rm -f "$CONFIG"
  local took=$(( $(date +%s) - started ))
  if [ "$code" -eq 0 ]; then
    echo "wordpress-check: PASS (${took} s)"
  else
    [ -n "$reason" ] && { echo "✗ $reason"; echo "0 passed, 1 failed"; }
    echo "wordpress-check: FAIL (${took} s${reason:+: $reason})"
  fi
  exit "$code"
}
trap 'finish 1 "interrupted"' INT TERM

# 1. Packages.
need=()
for p in wordpress mariadb-server apache2 libapache2-mod-php php-mysql; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || finish 1 "missing ${need[*]}: run as root, or: sudo apt-get install -y ${need[*]}"
  echo "=== apt-get install ${need[*]}"
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null || finish 1 "apt-get install ${need[*]} failed"
fi
[ "$(id -u)" -eq 0 ] || finish 1 "needs root (writes $CONFIG, starts MariaDB and Apache as www-data)"

# 2. The plugin, from the current build.
step "packaging the plugin"
if [ ! -f dist/civic-widgets.js ]; then npm run -s build >/dev/null || finish 1 "npm run build failed"; fi
npm run -s wordpress:package || finish 1 "npm run wordpress:package failed"

for port in "$WP_PORT" "$API_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then finish 1 "port $port is already in use (set WP_PORT / API_PORT)"; fi
done
if [ -f "$CONFIG" ] && ! grep -q 'scripts/wordpress-check.sh' "$CONFIG"; then finish 1 "$CONFIG exists and was not written by this check"; fi

rm -rf "$RUN"
mkdir -p "$RUN/wp-content/plugins" "$RUN/wp-content/uploads" "$RUN/wp-content/upgrade" "$RUN/pglite"
ln -s /usr/share/wordpress/wp-content/themes "$RUN/wp-content/themes"
ln -s /usr/share/wordpress/wp-content/languages "$RUN/wp-content/languages"
chown -R www-data:www-data "$RUN/wp-content"

# The reference backend, started first: it takes a few seconds (more on a busy machine) to start.
step "the backend (in the background)"
admin_token=$(salt)
PORT=$API_PORT HOST=127.0.0.1 CIVIC_DATA_DIR="$RUN/pglite" CIVIC_ADMIN_TOKEN=$admin_token \
  CIVIC_ALLOWED_ORIGINS="http://127.0.0.1:$WP_PORT" LOG_LEVEL=warn \
  node --import tsx server/main.ts >"$RUN/backend.log" 2>&1 &
pids+=($!)

# 3. MariaDB (default socket), Apache (127.0.0.1 only), WordPress's config for this site.
step "MariaDB, Apache, WordPress"
if ! mariadb-admin ping >/dev/null 2>&1; then
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  mariadbd --user=mysql --bind-address=127.0.0.1 >"$RUN/mariadb.log" 2>&1 &
  mariadb_pid=$!
  for _ in $(seq 1 100); do mariadb-admin ping >/dev/null 2>&1 && break; sleep 0.2; done
  mariadb-admin ping >/dev/null 2>&1 || finish 1 "MariaDB did not start (see $RUN/mariadb.log)"
fi
db_pass=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
mariadb <<SQL || finish 1 "could not create the database"
DROP DATABASE IF EXISTS $DB;
CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB'@'localhost';
ALTER USER '$DB'@'localhost' IDENTIFIED BY '$db_pass';
GRANT ALL PRIVILEGES ON $DB.* TO '$DB'@'localhost';
SQL

cat >"$CONFIG" <<PHP
<?php
// Written by scripts/wordpress-check.sh for its throwaway site; removed when the check ends.
define( 'DB_NAME', '$DB' );
define( 'DB_USER', '$DB' );
define( 'DB_PASSWORD', '$db_pass' );
define( 'DB_HOST', 'localhost' );
define( 'WP_HOME', 'http://127.0.0.1:$WP_PORT' );
define( 'WP_SITEURL', 'http://127.0.0.1:$WP_PORT' );
define( 'WP_CONTENT_DIR', '$RUN/wp-content' );
define( 'WP_CONTENT_URL', 'http://127.0.0.1:$WP_PORT/wp-content' );
define( 'DISALLOW_UNFILTERED_HTML', true );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'FS_METHOD', 'direct' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', '$RUN/debug.log' );
define( 'AUTH_KEY', '$(salt)' );
define( 'SECURE_AUTH_KEY', '$(salt)' );
define( 'LOGGED_IN_KEY', '$(salt)' );
define( 'NONCE_KEY', '$(salt)' );
define( 'AUTH_SALT', '$(salt)' );
define( 'SECURE_AUTH_SALT', '$(salt)' );
define( 'LOGGED_IN_SALT', '$(salt)' );
define( 'NONCE_SALT', '$(salt)' );
PHP
chmod 644 "$CONFIG"

php_module=$(ls /usr/lib/apache2/modules/libphp*.so 2>/dev/null | head -n 1)
[ -n "$php_module" ] || finish 1 "no libphp*.so in /usr/lib/apache2/modules (libapache2-mod-php)"
mods=/usr/lib/apache2/modules
cat >"$RUN/httpd.conf" <<CONF
ServerRoot "$RUN"
LoadModule mpm_prefork_module $mods/mod_mpm_prefork.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule dir_module $mods/mod_dir.so
LoadModule mime_module $mods/mod_mime.so
LoadModule alias_module $mods/mod_alias.so
LoadModule env_module $mods/mod_env.so
LoadModule php_module $php_module
Listen 127.0.0.1:$WP_PORT
ServerName 127.0.0.1
User www-data
Group www-data
PidFile $RUN/apache.pid
Mutex file:$RUN default
ErrorLog $RUN/apache-error.log
LogFormat "%h \"%r\" %>s %b" short
CustomLog $RUN/apache-access.log short
TypesConfig /etc/mime.types
StartServers 2
MinSpareServers 2
MaxSpareServers 4
DocumentRoot /usr/share/wordpress
DirectoryIndex index.php
SetEnv WORDPRESS_CONFIG $CONFIG_NAME
Alias /wp-content $RUN/wp-content
<Directory />
  Require all denied
  AllowOverride None
</Directory>
<Directory /usr/share/wordpress>
  Options FollowSymLinks
  Require all granted
</Directory>
<Directory $RUN/wp-content>
  Options FollowSymLinks
  Require all granted
</Directory>
<Directory /usr/share/wordpress/wp-content>
  Require all granted
</Directory>
<FilesMatch "\.php$">
  SetHandler application/x-httpd-php
</FilesMatch>
CONF

# 4. WordPress, the plugin, the users, the PHP-side checks.
export WORDPRESS_CONFIG=$CONFIG_NAME WP_CHECK_RUN=$RUN WP_CHECK_SITE="http://127.0.0.1:$WP_PORT" WP_CHECK_API="http://127.0.0.1:$API_PORT/api"
php scripts/wordpress-check.php install dist/wordpress/civic-widgets.zip || finish 1 "installing WordPress or the plugin failed"
php scripts/wordpress-check.php setup >"$RUN/setup.json" || { cat "$RUN/setup.json"; finish 1 "setting up the site failed"; }
chown -R www-data:www-data "$RUN/wp-content"

# In its own session: at shutdown Apache signals its whole process group.
setsid /usr/sbin/apache2 -f "$RUN/httpd.conf" -DFOREGROUND >>"$RUN/apache-error.log" 2>&1 &
pids+=($!)

step "waiting for the backend and WordPress"
up() { node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"; }
deadline=$(( $(date +%s) + 180 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  up "$WP_CHECK_API/health" && up "$WP_CHECK_SITE/" && break
  sleep 0.3
done
up "$WP_CHECK_SITE/" || { tail -n 20 "$RUN/apache-error.log"; finish 1 "WordPress does not answer on $WP_CHECK_SITE"; }
up "$WP_CHECK_API/health" || { tail -n 20 "$RUN/backend.log"; finish 1 "the backend does not answer on $WP_CHECK_API"; }

# 6. Posts, pages in Chromium, submissions, editor, settings.
step "posts, pages, editor and settings in Chromium"
WP_CHECK_ADMIN_TOKEN=$admin_token node scripts/wordpress-check.mjs "$RUN/setup.json"
code=$?
finish "$code"

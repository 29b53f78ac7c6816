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
#      the settings page;
#   7. a multisite network (WP_CHECK_MULTISITE=0 skips it), in the same run: a second database and
#      Apache on 127.0.0.1:80 (WordPress refuses a network on another port; 127.0.0.2 when 127.0.0.1:80
#      is taken), subdirectory install with the network's rewrite rules, no DISALLOW_UNFILTERED_HTML;
#      scripts/wordpress-check-multisite.php creates the network (install_network(), populate_network()),
#      network-activates the plugin, creates a second site and its administrator (not a super admin);
#      scripts/wordpress-check-multisite.mjs (called by wordpress-check.mjs) has that administrator set
#      the site's endpoint, publish a shortcode, a block and pasted markup, and votes on the site.
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
MULTISITE=${WP_CHECK_MULTISITE:-1}
MS_CONFIG_NAME=civic-wp-ms-check
MS_CONFIG=/etc/wordpress/config-$MS_CONFIG_NAME.php
MS_DB=civic_wp_ms_check
MS_HOST=
started=$(date +%s)
salt() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; }
step() { echo "--- $(( $(date +%s) - started )) s: $*"; }
pids=()
mariadb_pid=

finish() {
  local code=$1 reason=${2:-}
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  for d in $DB $MS_DB; do mariadb -e "DROP DATABASE IF EXISTS $d; DROP USER IF EXISTS '$d'@'localhost';" 2>/dev/null; done
  if [ -n "$mariadb_pid" ]; then
    mariadb-admin shutdown 2>/dev/null || kill "$mariadb_pid" 2>/dev/null
    wait "$mariadb_pid" 2>/dev/null
  fi
  rm -f "$CONFIG" "$MS_CONFIG"
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
for c in "$CONFIG" "$MS_CONFIG"; do
  if [ -f "$c" ] && ! grep -q 'scripts/wordpress-check.sh' "$c"; then finish 1 "$c exists and was not written by this check"; fi
done
# The network: port 80, as WordPress multisite requires, on 127.0.0.1 or, when that is taken, 127.0.0.2.
if [ "$MULTISITE" = 1 ]; then
  for h in 127.0.0.1 127.0.0.2; do
    if ! (exec 3<>"/dev/tcp/$h/80") 2>/dev/null; then MS_HOST=$h; break; fi
  done
  [ -n "$MS_HOST" ] || finish 1 "port 80 is in use on 127.0.0.1 and 127.0.0.2: the multisite check needs it (WP_CHECK_MULTISITE=0 skips it)"
fi

rm -rf "$RUN"
mkdir -p "$RUN/pglite"
for content in "$RUN/wp-content" "$RUN/ms/wp-content"; do
  mkdir -p "$content/plugins" "$content/uploads" "$content/upgrade"
  ln -s /usr/share/wordpress/wp-content/themes "$content/themes"
  ln -s /usr/share/wordpress/wp-content/languages "$content/languages"
done
chown -R www-data:www-data "$RUN/wp-content" "$RUN/ms"

# The reference backend, started first: it takes a few seconds (more on a busy machine) to start.
step "the backend (in the background)"
admin_token=$(salt)
PORT=$API_PORT HOST=127.0.0.1 CIVIC_DATA_DIR="$RUN/pglite" CIVIC_ADMIN_TOKEN=$admin_token \
  CIVIC_ALLOWED_ORIGINS="http://127.0.0.1:$WP_PORT${MS_HOST:+,http://$MS_HOST}" LOG_LEVEL=warn \
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
# new_db NAME: a fresh database NAME and its user NAME@localhost; prints the user's password.
new_db() {
  local pass
  pass=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  mariadb <<SQL || return 1
DROP DATABASE IF EXISTS $1;
CREATE DATABASE $1 CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$1'@'localhost';
ALTER USER '$1'@'localhost' IDENTIFIED BY '$pass';
GRANT ALL PRIVILEGES ON $1.* TO '$1'@'localhost';
SQL
  echo "$pass"
}
db_pass=$(new_db "$DB") || finish 1 "could not create the database"

# wp_config FILE DB DB_PASSWORD WP_CONTENT_DIR [PHP]: WordPress's host config for a throwaway site
# (/etc/wordpress/config-<name>.php, what Debian's wp-config.php reads), PHP appended.
wp_config() {
  cat >"$1" <<PHP
<?php
// Written by scripts/wordpress-check.sh for its throwaway site; removed when the check ends.
define( 'DB_NAME', '$2' );
define( 'DB_USER', '$2' );
define( 'DB_PASSWORD', '$3' );
define( 'DB_HOST', 'localhost' );
define( 'WP_CONTENT_DIR', '$4' );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'FS_METHOD', 'direct' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', '$(dirname "$4")/debug.log' );
define( 'AUTH_KEY', '$(salt)' );
define( 'SECURE_AUTH_KEY', '$(salt)' );
define( 'LOGGED_IN_KEY', '$(salt)' );
define( 'NONCE_KEY', '$(salt)' );
define( 'AUTH_SALT', '$(salt)' );
define( 'SECURE_AUTH_SALT', '$(salt)' );
define( 'LOGGED_IN_SALT', '$(salt)' );
define( 'NONCE_SALT', '$(salt)' );
${5:-}
PHP
  chmod 644 "$1"
}
wp_config "$CONFIG" "$DB" "$db_pass" "$RUN/wp-content" "define( 'WP_HOME', 'http://127.0.0.1:$WP_PORT' );
define( 'WP_SITEURL', 'http://127.0.0.1:$WP_PORT' );
define( 'WP_CONTENT_URL', 'http://127.0.0.1:$WP_PORT/wp-content' );
define( 'DISALLOW_UNFILTERED_HTML', true );"

php_module=$(ls /usr/lib/apache2/modules/libphp*.so 2>/dev/null | head -n 1)
[ -n "$php_module" ] || finish 1 "no libphp*.so in /usr/lib/apache2/modules (libapache2-mod-php)"
mods=/usr/lib/apache2/modules
# apache_conf DIR LISTEN WORDPRESS_CONFIG WP_CONTENT_DIR [EXTRA] > DIR/httpd.conf: Apache serving
# /usr/share/wordpress on LISTEN only, its own pid, logs and mutex in DIR, wp-content from WP_CONTENT_DIR;
# EXTRA goes inside <Directory /usr/share/wordpress>.
apache_conf() {
  cat <<CONF
ServerRoot "$1"
LoadModule mpm_prefork_module $mods/mod_mpm_prefork.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule dir_module $mods/mod_dir.so
LoadModule mime_module $mods/mod_mime.so
LoadModule alias_module $mods/mod_alias.so
LoadModule env_module $mods/mod_env.so
LoadModule rewrite_module $mods/mod_rewrite.so
LoadModule php_module $php_module
Listen $2
ServerName ${2%:*}
User www-data
Group www-data
PidFile $1/apache.pid
Mutex file:$1 default
ErrorLog $1/apache-error.log
LogFormat "%h \"%r\" %>s %b" short
CustomLog $1/apache-access.log short
TypesConfig /etc/mime.types
StartServers 2
MinSpareServers 2
MaxSpareServers 4
DocumentRoot /usr/share/wordpress
DirectoryIndex index.php
SetEnv WORDPRESS_CONFIG $3
Alias /wp-content $4
<Directory />
  Require all denied
  AllowOverride None
</Directory>
<Directory /usr/share/wordpress>
  Options FollowSymLinks
  Require all granted
${5:-}
</Directory>
<Directory $4>
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
}
apache_conf "$RUN" "127.0.0.1:$WP_PORT" "$CONFIG_NAME" "$RUN/wp-content" >"$RUN/httpd.conf"

# 4. WordPress, the plugin, the users, the PHP-side checks.
export WORDPRESS_CONFIG=$CONFIG_NAME WP_CHECK_RUN=$RUN WP_CHECK_SITE="http://127.0.0.1:$WP_PORT" WP_CHECK_API="http://127.0.0.1:$API_PORT/api"
php scripts/wordpress-check.php install dist/wordpress/civic-widgets.zip || finish 1 "installing WordPress or the plugin failed"
php scripts/wordpress-check.php setup >"$RUN/setup.json" || { cat "$RUN/setup.json"; finish 1 "setting up the site failed"; }

# 4b. The network: WordPress with WP_ALLOW_MULTISITE, its network created by WordPress's own functions,
# then the constants Tools → Network Setup asks for, a second site, its administrator.
ms_setup=
if [ -n "$MS_HOST" ]; then
  step "the multisite network on http://$MS_HOST"
  ms_pass=$(new_db "$MS_DB") || finish 1 "could not create the multisite database"
  wp_config "$MS_CONFIG" "$MS_DB" "$ms_pass" "$RUN/ms/wp-content" "define( 'WP_ALLOW_MULTISITE', true );"
  ms_env=(WORDPRESS_CONFIG=$MS_CONFIG_NAME WP_CHECK_SITE="http://$MS_HOST")
  env "${ms_env[@]}" php scripts/wordpress-check-multisite.php install dist/wordpress/civic-widgets.zip || finish 1 "installing the multisite network failed"
  cat >>"$MS_CONFIG" <<PHP
define( 'MULTISITE', true );
define( 'SUBDOMAIN_INSTALL', false );
define( 'DOMAIN_CURRENT_SITE', '$MS_HOST' );
define( 'PATH_CURRENT_SITE', '/' );
define( 'SITE_ID_CURRENT_SITE', 1 );
define( 'BLOG_ID_CURRENT_SITE', 1 );
PHP
  env "${ms_env[@]}" php scripts/wordpress-check-multisite.php setup >"$RUN/ms/setup.json" && grep -q '"siteAdmin"' "$RUN/ms/setup.json" ||
    { head -c 2000 "$RUN/ms/setup.json"; tail -n 5 "$RUN/ms/debug.log"; finish 1 "setting up the multisite network failed"; }
  ms_setup=$RUN/ms/setup.json
  # The rewrite rules Tools → Network Setup gives for a subdirectory network (its .htaccess).
  apache_conf "$RUN/ms" "$MS_HOST:80" "$MS_CONFIG_NAME" "$RUN/ms/wp-content" '  RewriteEngine On
  RewriteBase /
  RewriteRule ^index\.php$ - [L]
  RewriteRule ^([_0-9a-zA-Z-]+/)?wp-admin$ $1wp-admin/ [R=301,L]
  RewriteCond %{REQUEST_FILENAME} -f [OR]
  RewriteCond %{REQUEST_FILENAME} -d
  RewriteRule ^ - [L]
  RewriteRule ^([_0-9a-zA-Z-]+/)?(wp-(content|admin|includes).*) $2 [L]
  RewriteRule ^([_0-9a-zA-Z-]+/)?(.*\.php)$ $2 [L]
  RewriteRule . index.php [L]' >"$RUN/ms/httpd.conf"
fi
chown -R www-data:www-data "$RUN/wp-content" "$RUN/ms"

# In their own session: at shutdown Apache signals its whole process group.
setsid /usr/sbin/apache2 -f "$RUN/httpd.conf" -DFOREGROUND >>"$RUN/apache-error.log" 2>&1 &
pids+=($!)
if [ -n "$MS_HOST" ]; then
  setsid /usr/sbin/apache2 -f "$RUN/ms/httpd.conf" -DFOREGROUND >>"$RUN/ms/apache-error.log" 2>&1 &
  pids+=($!)
fi

step "waiting for the backend and WordPress"
up() { node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"; }
deadline=$(( $(date +%s) + 180 ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  up "$WP_CHECK_API/health" && up "$WP_CHECK_SITE/" && break
  sleep 0.3
done
up "$WP_CHECK_SITE/" || { tail -n 20 "$RUN/apache-error.log"; finish 1 "WordPress does not answer on $WP_CHECK_SITE"; }
up "$WP_CHECK_API/health" || { tail -n 20 "$RUN/backend.log"; finish 1 "the backend does not answer on $WP_CHECK_API"; }
if [ -n "$MS_HOST" ]; then
  for _ in $(seq 1 100); do up "http://$MS_HOST/" && break; sleep 0.3; done
  up "http://$MS_HOST/" || { tail -n 20 "$RUN/ms/apache-error.log"; finish 1 "the multisite does not answer on http://$MS_HOST/"; }
fi

# 6. Posts, pages in Chromium, submissions, editor, settings.
step "posts, pages, editor and settings in Chromium${MS_HOST:+, then the multisite}"
WP_CHECK_ADMIN_TOKEN=$admin_token node scripts/wordpress-check.mjs "$RUN/setup.json" ${ms_setup:+"$ms_setup"}
code=$?
finish "$code"

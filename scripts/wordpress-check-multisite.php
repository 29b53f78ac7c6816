<?php
/**
 * The multisite part of scripts/wordpress-check.sh, run with the CLI against the throwaway network
 * (env WORDPRESS_CONFIG, WP_CHECK_SITE = http://127.0.0.1, on port 80 as multisite requires):
 *
 *   php scripts/wordpress-check-multisite.php install <plugin.zip>
 *     With WP_ALLOW_MULTISITE only: wp_install(), then what Tools → Network Setup does,
 *     install_network() (the network tables) and populate_network() (a subdirectory network), and the
 *     plugin's zip unpacked by WordPress's own unzip_file(). The shell script then adds MULTISITE,
 *     SUBDOMAIN_INSTALL, DOMAIN_CURRENT_SITE, PATH_CURRENT_SITE, SITE_ID_CURRENT_SITE, BLOG_ID_CURRENT_SITE.
 *   php scripts/wordpress-check-multisite.php setup
 *     Now a multisite: Network Activate as the super admin, a user, a second site /quartier/
 *     (wpmu_create_blog) of which that user is the administrator, an application password for the
 *     REST API; checks of the roles and of the plugin's activation. Prints JSON for
 *     scripts/wordpress-check-multisite.mjs. The site's endpoint is left unset: its administrator sets it.
 *
 * @package CivicWidgets
 */

$site = getenv( 'WP_CHECK_SITE' ) ?: 'http://127.0.0.1';
$host = (string) parse_url( $site, PHP_URL_HOST );

// What Debian's wp-config.php and WordPress's ms-settings.php read: the network's main site.
$_SERVER['HTTP_HOST']        = $host;
$_SERVER['SERVER_NAME']      = $host;
$_SERVER['SERVER_PORT']      = '80';
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['REQUEST_METHOD']   = 'GET';
$_SERVER['WORDPRESS_CONFIG'] = getenv( 'WORDPRESS_CONFIG' ) ?: 'civic-wp-ms-check';

/** Stops with a message on stderr. */
function fail( $message ) {
	fwrite( STDERR, $message . "\n" );
	exit( 1 );
}

$phase = $argv[1] ?? '';

if ( 'install' === $phase ) {
	define( 'WP_INSTALLING', true );
	define( 'WP_INSTALLING_NETWORK', true );
	/** No "your new site" mail (there is no MTA here). */
	function wp_new_blog_notification() {}
	require '/usr/share/wordpress/wp-load.php';
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	require_once ABSPATH . 'wp-admin/includes/file.php';

	if ( is_multisite() || ! defined( 'WP_ALLOW_MULTISITE' ) || ! WP_ALLOW_MULTISITE ) {
		fail( 'the config must have WP_ALLOW_MULTISITE and not yet MULTISITE' );
	}
	$installed = wp_install( 'Civic widgets network', 'admin', 'admin@example.org', false, '', wp_generate_password( 24, false ) );
	if ( empty( $installed['user_id'] ) ) {
		fail( 'wp_install() failed' );
	}
	wp_set_current_user( $installed['user_id'] );
	// As wp-admin/network.php does: the network tables' names, then the tables and the network.
	foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed_table ) {
		$wpdb->$table = $prefixed_table;
	}
	install_network();
	$network = populate_network( 1, $host, 'admin@example.org', 'Civic widgets network', '/', false );
	if ( is_wp_error( $network ) ) {
		fail( 'populate_network(): ' . $network->get_error_message() );
	}
	$sites = $wpdb->get_results( "SELECT domain, path FROM $wpdb->blogs" );
	if ( 1 !== count( $sites ) || $host !== $sites[0]->domain || '/' !== $sites[0]->path || ! $wpdb->get_var( "SELECT COUNT(*) FROM $wpdb->site" ) ) {
		fail( 'populate_network() did not create the network: ' . $wpdb->last_error );
	}
	WP_Filesystem();
	$unzipped = unzip_file( $argv[2] ?? '', WP_PLUGIN_DIR );
	if ( is_wp_error( $unzipped ) ) {
		fail( 'unzip_file(): ' . $unzipped->get_error_message() );
	}
	fwrite( STDERR, 'WordPress ' . get_bloginfo( 'version' ) . " installed, network created on $host, civic-widgets unpacked\n" );
	exit( 0 );
}

if ( 'setup' !== $phase ) {
	fwrite( STDERR, "usage: php scripts/wordpress-check-multisite.php install <plugin.zip> | setup\n" );
	exit( 2 );
}

require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
add_filter( 'pre_wp_mail', '__return_false' ); // No MTA: the new site's notification is not sent.

if ( ! is_multisite() || is_subdomain_install() ) {
	fail( 'not a subdirectory multisite: check the constants in the config' );
}

$checks = array();
/** Records one check for wordpress-check-multisite.mjs to print. */
function check( $name, $ok, $detail = '' ) {
	global $checks;
	$checks[] = array(
		'name'   => $name,
		'ok'     => (bool) $ok,
		'detail' => (string) $detail,
	);
}

// Network Activate, as the super admin (Network Admin → Plugins).
wp_set_current_user( 1 );
$plugin    = 'civic-widgets/civic-widgets.php';
$activated = activate_plugin( $plugin, '', true );
if ( is_wp_error( $activated ) ) {
	fail( 'activate_plugin( network wide ): ' . $activated->get_error_message() );
}

// A network user, then a site of theirs: they are its administrator, and nothing on the network.
$login    = 'ana';
$password = wp_generate_password( 24, false );
$user_id  = wpmu_create_user( $login, $password, $login . '@example.org' );
if ( ! $user_id ) {
	fail( 'wpmu_create_user() failed' );
}
$blog_id = wpmu_create_blog( $host, '/quartier/', 'Quartier Saint-Aubin', $user_id, array( 'public' => 1 ), get_current_network_id() );
if ( is_wp_error( $blog_id ) ) {
	fail( 'wpmu_create_blog(): ' . $blog_id->get_error_message() );
}
list( $app_password ) = WP_Application_Passwords::create_new_application_password( $user_id, array( 'name' => 'wordpress-check' ) );

check(
	'a subdirectory network: the main site and /quartier/ (wpmu_create_blog)',
	'/' === get_site( 1 )->path && '/quartier/' === get_site( $blog_id )->path && $host === get_site( $blog_id )->domain,
	wp_json_encode( array_map( static fn( $s ) => $s->domain . $s->path, get_sites() ) )
);
check( 'the plugin is network-activated (Network Activate), not activated per site', is_plugin_active_for_network( $plugin ) && ! in_array( $plugin, (array) get_option( 'active_plugins', array() ), true ) );

switch_to_blog( $blog_id );
$user = get_userdata( $user_id );
check(
	"\"$login\" is the administrator of /quartier/ and not a super admin: may manage the site's options and publish, may not post unfiltered HTML",
	in_array( 'administrator', $user->roles, true ) && ! is_super_admin( $user_id ) && user_can( $user_id, 'manage_options' ) && user_can( $user_id, 'publish_posts' ) && ! user_can( $user_id, 'unfiltered_html' ),
	'roles: ' . implode( ',', $user->roles ) . '; super admin: ' . ( is_super_admin( $user_id ) ? 'yes' : 'no' ) . '; unfiltered_html: ' . ( user_can( $user_id, 'unfiltered_html' ) ? 'yes' : 'no' )
);
check( 'only the super admin has unfiltered_html on the network (no DISALLOW_UNFILTERED_HTML here)', ! defined( 'DISALLOW_UNFILTERED_HTML' ) && is_super_admin( 1 ) && user_can( 1, 'unfiltered_html' ) );
check( "the new site's endpoint is not set yet (each site has its own settings)", '' === (string) get_option( 'civic_widgets_endpoint', '' ) );
// The control for the browser part: the same pasted markup, saved on this site by each (kses follows the current user).
$pasted = '<civic-vote vote-id="x"></civic-vote><script>alert(1)</script>';
$kept   = array();
foreach ( array( 1, $user_id ) as $author ) {
	wp_set_current_user( $author );
	$post = wp_insert_post( wp_slash( array( 'post_title' => 'kses', 'post_content' => $pasted, 'post_author' => $author ) ), true );
	$kept[ $author ] = is_wp_error( $post ) ? $post->get_error_message() : get_post( $post )->post_content;
	is_wp_error( $post ) || wp_delete_post( $post, true );
}
wp_set_current_user( 1 );
check( "on /quartier/, pasted <civic-vote> + <script>: the super admin's are kept, its administrator's emptied", $pasted === $kept[1] && false === strpos( $kept[ $user_id ], '<civic-vote' ) && false === strpos( $kept[ $user_id ], '<script' ), wp_json_encode( $kept ) );
restore_current_blog();
check( "\"$login\" has no role on the main site", ! is_user_member_of_blog( $user_id, 1 ) );

echo wp_json_encode(
	array(
		'network'   => $site,
		'site'      => untrailingslashit( 'http://' . get_site( $blog_id )->domain . get_site( $blog_id )->path ),
		'wpVersion' => get_bloginfo( 'version' ),
		'siteAdmin' => array(
			'id'          => $user_id,
			'login'       => $login,
			'password'    => $password,
			'appPassword' => $app_password,
		),
		'checks'    => $checks,
	),
	JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES
) . "\n";

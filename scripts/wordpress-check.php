<?php
/**
 * The PHP side of scripts/wordpress-check.sh, run with the CLI against the throwaway site
 * (env WORDPRESS_CONFIG, WP_CHECK_SITE, WP_CHECK_API, WP_CHECK_RUN):
 *
 *   php scripts/wordpress-check.php install <plugin.zip>
 *     wp_install(), then the plugin's zip unpacked by WordPress's own unzip_file() (what
 *     Plugins → Add New → Upload does) and activated.
 *   php scripts/wordpress-check.php setup
 *     The default endpoint (Settings → Civic widgets), an author (with an application password for
 *     the REST API) and a contributor, the admin's locale French; checks of the shortcodes' output,
 *     of kses on what a contributor saves, of the French strings. Prints JSON for wordpress-check.mjs.
 *
 * @package CivicWidgets
 */

$site = getenv( 'WP_CHECK_SITE' ) ?: 'http://127.0.0.1:8871';
$api  = getenv( 'WP_CHECK_API' ) ?: 'http://127.0.0.1:8870/api';
$host = (string) parse_url( $site, PHP_URL_HOST ) . ':' . (string) parse_url( $site, PHP_URL_PORT );

// What Debian's /usr/share/wordpress/wp-config.php reads to find /etc/wordpress/config-<name>.php.
$_SERVER['HTTP_HOST']        = $host;
$_SERVER['SERVER_NAME']      = (string) parse_url( $site, PHP_URL_HOST );
$_SERVER['SERVER_PORT']      = (string) parse_url( $site, PHP_URL_PORT );
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['REQUEST_METHOD']   = 'GET';
$_SERVER['WORDPRESS_CONFIG'] = getenv( 'WORDPRESS_CONFIG' ) ?: 'civic-wp-check';

$phase = $argv[1] ?? '';

if ( 'install' === $phase ) {
	define( 'WP_INSTALLING', true );
	/** No "your new site" mail (there is no MTA here). */
	function wp_new_blog_notification() {}
	require '/usr/share/wordpress/wp-load.php';
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	require_once ABSPATH . 'wp-admin/includes/file.php';
	require_once ABSPATH . 'wp-admin/includes/plugin.php';

	$installed = wp_install( 'Civic widgets in WordPress', 'admin', 'admin@example.org', false, '', wp_generate_password( 24, false ) );
	if ( empty( $installed['user_id'] ) ) {
		fwrite( STDERR, "wp_install() failed\n" );
		exit( 1 );
	}
	WP_Filesystem();
	$unzipped = unzip_file( $argv[2] ?? '', WP_PLUGIN_DIR );
	if ( is_wp_error( $unzipped ) ) {
		fwrite( STDERR, 'unzip_file(): ' . $unzipped->get_error_message() . "\n" );
		exit( 1 );
	}
	$activated = activate_plugin( 'civic-widgets/civic-widgets.php' );
	if ( is_wp_error( $activated ) ) {
		fwrite( STDERR, 'activate_plugin(): ' . $activated->get_error_message() . "\n" );
		exit( 1 );
	}
	fwrite( STDERR, "WordPress " . get_bloginfo( 'version' ) . " installed, civic-widgets activated\n" );
	exit( 0 );
}

if ( 'setup' !== $phase ) {
	fwrite( STDERR, "usage: php scripts/wordpress-check.php install <plugin.zip> | setup\n" );
	exit( 2 );
}

require '/usr/share/wordpress/wp-load.php';

$checks = array();
/** Records one check for wordpress-check.mjs to print. */
function check( $name, $ok, $detail = '' ) {
	global $checks;
	$checks[] = array(
		'name'   => $name,
		'ok'     => (bool) $ok,
		'detail' => (string) $detail,
	);
}

update_option( 'civic_widgets_endpoint', civic_widgets_sanitize_endpoint( $api ) );

$admin_password = wp_generate_password( 24, false );
wp_set_password( $admin_password, 1 );
update_user_meta( 1, 'locale', 'fr_FR' );

/** A user with a role, no welcome guide in the editor. */
function make_user( $login, $role ) {
	$password = wp_generate_password( 24, false );
	$id       = wp_insert_user(
		array(
			'user_login' => $login,
			'user_pass'  => $password,
			'user_email' => $login . '@example.org',
			'role'       => $role,
			'locale'     => 'en_US',
		)
	);
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, "$login: " . $id->get_error_message() . "\n" );
		exit( 1 );
	}
	global $wpdb;
	update_user_meta( $id, $wpdb->get_blog_prefix() . 'persisted_preferences', array( 'core/edit-post' => array( 'welcomeGuide' => false ), '_modified' => gmdate( 'c' ) ) );
	return array( 'id' => $id, 'login' => $login, 'password' => $password );
}

$author      = make_user( 'camille', 'author' );
$contributor = make_user( 'dominique', 'contributor' );
list( $app_password ) = WP_Application_Passwords::create_new_application_password( $author['id'], array( 'name' => 'wordpress-check' ) );
$author['appPassword'] = $app_password;

check( 'DISALLOW_UNFILTERED_HTML: not even the administrator may post unfiltered HTML', ! user_can( 1, 'unfiltered_html' ) && ! user_can( $author['id'], 'unfiltered_html' ) );

// The shortcodes, as the_content renders them.
$out = do_shortcode( '[civic_vote vote-id="velo-rue-principale" onclick="alert(1)" heading-level="abc" data-x="1" lang="fr"]' );
check(
	'[civic_vote] renders the placeholder: the element\'s attributes as data-*, the default endpoint, nothing else',
	'<div data-civic-widget="vote" data-vote-id="velo-rue-principale" data-lang="fr" data-endpoint="' . esc_attr( $api ) . '"></div>' === $out,
	$out
);
$out = do_shortcode( "[civic_survey survey-id='\"><img src=x onerror=alert(1)>' show-results print=\"false\" heading-level=\"3\" endpoint=\"https://elsewhere.example/api\"]" );
check(
	'[civic_survey]: values escaped, a bare boolean is present, print="false" is absent, the endpoint attribute wins',
	false === strpos( $out, '<img' ) && false !== strpos( $out, 'data-survey-id="&quot;&gt;&lt;img' ) && false !== strpos( $out, 'data-show-results=""' ) && false === strpos( $out, 'data-print' ) && false !== strpos( $out, 'data-heading-level="3"' ) && false !== strpos( $out, 'data-endpoint="https://elsewhere.example/api"' ),
	$out
);
$shortcodes = array();
foreach ( civic_widgets_definitions() as $definition ) {
	$shortcodes[] = $definition['shortcode'];
}
$missing = array_filter( $shortcodes, static fn( $s ) => ! shortcode_exists( $s ) );
$blocks  = array_filter( array_keys( civic_widgets_definitions() ), static fn( $w ) => ! WP_Block_Type_Registry::get_instance()->is_registered( 'civic-widgets/' . $w ) );
check( 'a shortcode and a block for every widget of custom-elements.json (' . implode( ', ', $shortcodes ) . ')', count( $shortcodes ) >= 6 && ! $missing && ! $blocks, implode( ' ', array_merge( $missing, $blocks ) ) );

// A contributor's post (pending review) keeps its shortcode and block through kses.
wp_set_current_user( $contributor['id'] );
$content = "<!-- wp:paragraph -->\n<p>Avant.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:civic-widgets/petition {\"petition-id\":\"bureau-de-poste\",\"heading-level\":3} /-->\n\n<!-- wp:shortcode -->\n[civic_comment_count thread-id=\"place-du-marche\"]\n<!-- /wp:shortcode -->";
$pending = wp_insert_post(
	wp_slash(
		array(
			'post_title'   => 'Contribution',
			'post_content' => $content . '<civic-vote vote-id="x"></civic-vote><script>alert(1)</script>',
			'post_status'  => 'pending',
			'post_author'  => $contributor['id'],
		)
	),
	true
);
$saved = is_wp_error( $pending ) ? '' : get_post( $pending )->post_content;
check( 'a contributor\'s post keeps its block and shortcode through kses, while the pasted element and script are stripped', 0 === strpos( $saved, $content ) && false === strpos( $saved, '<civic-vote' ) && false === strpos( $saved, '<script' ), $saved );
$rendered = apply_filters( 'the_content', $saved );
check(
	'and renders their placeholders',
	false !== strpos( $rendered, 'data-civic-widget="petition" data-petition-id="bureau-de-poste" data-heading-level="3"' ) && false !== strpos( $rendered, 'data-civic-widget="comment-count" data-thread-id="place-du-marche"' ),
	$rendered
);
wp_set_current_user( 0 );

// The plugin's own strings follow the locale.
switch_to_locale( 'fr_FR' );
$fr = civic_widgets__( 'settings.menu' );
restore_previous_locale();
check( 'the plugin\'s admin strings in French and English', 'Modules citoyens' === $fr && 'Civic widgets' === civic_widgets__( 'settings.menu' ), "$fr / " . civic_widgets__( 'settings.menu' ) );
check( 'a bad endpoint in the settings is refused', '' === civic_widgets_sanitize_endpoint( '' ) && civic_widgets_default_endpoint() === civic_widgets_sanitize_endpoint( 'javascript:alert(1)' ) && 'https://a.example/api' === civic_widgets_sanitize_endpoint( ' https://a.example/api/ ' ) );

echo wp_json_encode(
	array(
		'site'        => $site,
		'api'         => $api,
		'wpVersion'   => get_bloginfo( 'version' ),
		'admin'       => array( 'login' => 'admin', 'password' => $admin_password ),
		'author'      => $author,
		'contributor' => $contributor,
		'checks'      => $checks,
	),
	JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES
) . "\n";

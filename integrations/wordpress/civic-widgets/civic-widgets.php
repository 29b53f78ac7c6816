<?php
/**
 * Plugin Name:       Civic widgets
 * Plugin URI:        https://github.com/civic-widgets/civic-widgets
 * Description:       Surveys, petitions, votes, street reports and comments from a civic-widgets backend, as shortcodes and blocks. Works for authors and contributors, and where pasted scripts are stripped (multisite, DISALLOW_UNFILTERED_HTML).
 * Version:           0.0.0-dev
 * Requires at least: 6.1
 * Requires PHP:      8.0
 * License:           MIT
 * Text Domain:       civic-widgets
 *
 * @package CivicWidgets
 */

defined( 'ABSPATH' ) || exit;

define( 'CIVIC_WIDGETS_FILE', __FILE__ );
define( 'CIVIC_WIDGETS_DIR', __DIR__ );

require_once __DIR__ . '/includes/i18n.php';
require_once __DIR__ . '/includes/render.php';
require_once __DIR__ . '/includes/blocks.php';
require_once __DIR__ . '/includes/settings.php';

/**
 * The widgets and their attributes (includes/widgets.php, generated from custom-elements.json by
 * `npm run wordpress:package`), with the plugin's version and the widgets' languages.
 *
 * @return array{version: string, languages: string[], widgets: array<string, array>}
 */
function civic_widgets_build() {
	static $build = null;
	if ( null === $build ) {
		$file  = __DIR__ . '/includes/widgets.php';
		$build = is_readable( $file ) ? require $file : array(
			'version'   => '0.0.0-dev',
			'languages' => array(),
			'widgets'   => array(),
		);
	}
	return $build;
}

/** @return array<string, array> Every widget by name (`survey`, `comment-count`, …). */
function civic_widgets_definitions() {
	return civic_widgets_build()['widgets'];
}

/** A plugin copied from the repository without packaging has no bundle: say what to run. */
function civic_widgets_unpackaged_notice() {
	if ( ! current_user_can( 'activate_plugins' ) ) {
		return;
	}
	if ( civic_widgets_definitions() && is_readable( __DIR__ . '/assets/civic-widgets.js' ) ) {
		return;
	}
	printf( '<div class="notice notice-error"><p>%s</p></div>', esc_html( civic_widgets__( 'notice.unpackaged' ) ) );
}
add_action( 'admin_notices', 'civic_widgets_unpackaged_notice' );

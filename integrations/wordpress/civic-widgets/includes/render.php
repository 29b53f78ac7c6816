<?php
/**
 * The placeholder every shortcode and block renders, the shortcodes, and loading the widgets' code
 * only on the pages that show a widget.
 *
 * The placeholder is the filter-proof form the bundle upgrades (src/internal/autoload.ts):
 * `<div data-civic-widget="survey" data-survey-id="…" data-endpoint="…"></div>`. It is generated
 * here, at display time: what an author saves is a shortcode (text) or a block (an HTML comment),
 * which kses leaves alone, so it works for authors and contributors, on multisite and with
 * DISALLOW_UNFILTERED_HTML, where a pasted <script> or custom element is stripped.
 *
 * @package CivicWidgets
 */

defined( 'ABSPATH' ) || exit;

const CIVIC_WIDGETS_HANDLE = 'civic-widgets';

/** @return string The default endpoint (Settings → Civic widgets), or ''. */
function civic_widgets_default_endpoint() {
	return (string) get_option( 'civic_widgets_endpoint', '' );
}

/** @return string The default language (Settings → Civic widgets), or '' for the page's language. */
function civic_widgets_default_lang() {
	return (string) get_option( 'civic_widgets_lang', '' );
}

/** @return bool Whether $value looks like a language tag (`fr`, `en`, `pt-BR`). */
function civic_widgets_is_lang( $value ) {
	return (bool) preg_match( '/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/', (string) $value );
}

/**
 * The attributes of a widget, from a shortcode's or a block's: only the element's attributes (from
 * custom-elements.json) and lang are kept; booleans become present or absent, numbers must be
 * numbers, empty values are dropped. The default endpoint and language fill what is not set.
 *
 * @param string $widget Widget name (`survey`).
 * @param array  $atts   Attribute name => value; for shortcodes, a value-less attribute comes as a numeric key.
 * @return array<string, string> Attribute name => value, ready for data-* (a boolean true is '').
 */
function civic_widgets_attributes( $widget, array $atts ) {
	$definitions = civic_widgets_definitions();
	$known       = $definitions[ $widget ]['attributes'] ?? array();
	$out         = array();
	foreach ( $atts as $name => $value ) {
		if ( is_int( $name ) ) { // [civic_survey show-results]: a bare boolean attribute.
			$name  = (string) $value;
			$value = true;
		}
		$name = strtolower( trim( (string) $name ) );
		if ( 'lang' === $name ) {
			if ( civic_widgets_is_lang( $value ) ) {
				$out['lang'] = (string) $value;
			}
			continue;
		}
		if ( ! isset( $known[ $name ] ) ) {
			continue;
		}
		$type = $known[ $name ]['type'];
		if ( 'boolean' === $type ) {
			$on = is_bool( $value ) ? $value : ! in_array( strtolower( trim( (string) $value ) ), array( 'false', '0', 'no', 'off' ), true );
			if ( $on ) {
				$out[ $name ] = '';
			}
			continue;
		}
		if ( is_array( $value ) || is_object( $value ) || null === $value ) {
			continue;
		}
		$value = trim( (string) $value );
		if ( '' === $value || ( 'number' === $type && ! is_numeric( $value ) ) ) {
			continue;
		}
		$out[ $name ] = $value;
	}
	if ( isset( $known['endpoint'] ) && ! isset( $out['endpoint'] ) && '' !== civic_widgets_default_endpoint() ) {
		$out['endpoint'] = civic_widgets_default_endpoint();
	}
	if ( ! isset( $out['lang'] ) && '' !== civic_widgets_default_lang() ) {
		$out['lang'] = civic_widgets_default_lang();
	}
	return $out;
}

/**
 * The placeholder of a widget, and the widgets' code queued for this page.
 *
 * @param string $widget  Widget name (`survey`).
 * @param array  $atts    Shortcode or block attributes.
 * @param string $wrapper Extra attributes for the div (a block's class and anchor), already escaped.
 * @return string HTML.
 */
function civic_widgets_placeholder( $widget, array $atts, $wrapper = '' ) {
	civic_widgets_enqueue();
	$html = '<div data-civic-widget="' . esc_attr( $widget ) . '"';
	foreach ( civic_widgets_attributes( $widget, $atts ) as $name => $value ) {
		$html .= ' data-' . esc_attr( $name ) . '="' . esc_attr( $value ) . '"';
	}
	if ( '' !== $wrapper ) {
		$html .= ' ' . $wrapper;
	}
	return $html . '></div>';
}

/** Registers the widgets' code (the bundle shipped in assets/) as a module script, printed in the footer. */
function civic_widgets_register_script() {
	wp_register_script( CIVIC_WIDGETS_HANDLE, plugins_url( 'assets/civic-widgets.js', CIVIC_WIDGETS_FILE ), array(), civic_widgets_build()['version'], true );
}
add_action( 'init', 'civic_widgets_register_script' );

/**
 * Queues the widgets' code. Called while a shortcode or block renders, so only the pages that show
 * a widget load it (in a block theme the content renders before the head, in a classic theme in the
 * body: either way the script is printed in the footer).
 */
function civic_widgets_enqueue() {
	if ( ! wp_script_is( CIVIC_WIDGETS_HANDLE, 'registered' ) ) {
		civic_widgets_register_script();
	}
	wp_enqueue_script( CIVIC_WIDGETS_HANDLE );
}

/**
 * The bundle is an ES module (it loads each widget's chunk next to itself): `type="module"`.
 * WordPress 6.1 has no module scripts of its own.
 *
 * @param string $tag    The script tag.
 * @param string $handle Its handle.
 * @return string
 */
function civic_widgets_module_tag( $tag, $handle ) {
	if ( CIVIC_WIDGETS_HANDLE !== $handle ) {
		return $tag;
	}
	$tag = preg_replace( '/\stype=([\'"])[^\'"]*\1/', '', $tag );
	return preg_replace( '/<script(?=[\s>])/', '<script type="module"', $tag, 1 );
}
add_filter( 'script_loader_tag', 'civic_widgets_module_tag', 10, 2 );

/** One shortcode per widget: `[civic_survey survey-id="…"]`, `[civic_map_report …]`. */
function civic_widgets_register_shortcodes() {
	foreach ( civic_widgets_definitions() as $widget => $definition ) {
		add_shortcode(
			$definition['shortcode'],
			static function ( $atts ) use ( $widget ) {
				return civic_widgets_placeholder( $widget, is_array( $atts ) ? $atts : array() );
			}
		);
	}
}
add_action( 'init', 'civic_widgets_register_shortcodes' );

<?php
/**
 * One dynamic block per widget (blocks/<widget>/block.json, generated from custom-elements.json):
 * the editor (editor/blocks.js, plain JavaScript on the wp.* globals, no build step) shows the
 * widget's options in the block sidebar; the page gets the same placeholder as the shortcode,
 * rendered on the server.
 *
 * @package CivicWidgets
 */

defined( 'ABSPATH' ) || exit;

/** Registers the editor script and style, then every widget's block. */
function civic_widgets_register_blocks() {
	$build = civic_widgets_build();
	wp_register_script(
		'civic-widgets-blocks',
		plugins_url( 'editor/blocks.js', CIVIC_WIDGETS_FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components' ),
		$build['version'],
		true
	);
	wp_register_style( 'civic-widgets-blocks', plugins_url( 'editor/blocks.css', CIVIC_WIDGETS_FILE ), array(), $build['version'] );

	foreach ( civic_widgets_definitions() as $widget => $definition ) {
		$dir = CIVIC_WIDGETS_DIR . '/blocks/' . $widget;
		if ( ! is_readable( $dir . '/block.json' ) ) {
			continue;
		}
		register_block_type(
			$dir,
			array(
				'title'           => civic_widgets_maybe__( 'block.' . $widget ) ?? $definition['tag'],
				'render_callback' => static function ( $attributes ) use ( $widget ) {
					$wrapper = get_block_wrapper_attributes();
					return civic_widgets_placeholder( $widget, is_array( $attributes ) ? $attributes : array(), $wrapper );
				},
			)
		);
	}
}
add_action( 'init', 'civic_widgets_register_blocks' );

/**
 * What the editor script needs: the widgets and their attributes, the defaults from the settings,
 * the languages, and the plugin's strings in the user's language. The widgets' code is loaded too,
 * so that a block shows the real widget as its preview.
 */
function civic_widgets_editor_assets() {
	$build   = civic_widgets_build();
	$strings = array();
	foreach ( array_keys( civic_widgets_strings()['en'] ) as $key ) {
		if ( 0 === strpos( $key, 'editor.' ) || 0 === strpos( $key, 'attr.' ) ) {
			$strings[ $key ] = civic_widgets__( $key );
		}
	}
	$data = array(
		'widgets'   => $build['widgets'],
		'languages' => $build['languages'],
		'endpoint'  => civic_widgets_default_endpoint(),
		'lang'      => civic_widgets_default_lang(),
		'strings'   => $strings,
	);
	wp_add_inline_script( 'civic-widgets-blocks', 'window.civicWidgetsEditor = ' . wp_json_encode( $data ) . ';', 'before' );
	civic_widgets_enqueue();
}
add_action( 'enqueue_block_editor_assets', 'civic_widgets_editor_assets' );

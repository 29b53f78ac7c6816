<?php
/**
 * Settings → Civic widgets: the default endpoint and language, used when a shortcode or a block does
 * not set them, and a table of the shortcodes and their attributes.
 *
 * @package CivicWidgets
 */

defined( 'ABSPATH' ) || exit;

/** The two options, their checks and their fields. */
function civic_widgets_register_settings() {
	register_setting(
		'civic_widgets',
		'civic_widgets_endpoint',
		array(
			'type'              => 'string',
			'default'           => '',
			'sanitize_callback' => 'civic_widgets_sanitize_endpoint',
		)
	);
	register_setting(
		'civic_widgets',
		'civic_widgets_lang',
		array(
			'type'              => 'string',
			'default'           => '',
			'sanitize_callback' => 'civic_widgets_sanitize_lang',
		)
	);
	add_settings_section( 'civic_widgets_defaults', '', '__return_false', 'civic-widgets' );
	add_settings_field( 'civic_widgets_endpoint', civic_widgets__( 'settings.endpoint' ), 'civic_widgets_endpoint_field', 'civic-widgets', 'civic_widgets_defaults', array( 'label_for' => 'civic_widgets_endpoint' ) );
	add_settings_field( 'civic_widgets_lang', civic_widgets__( 'settings.lang' ), 'civic_widgets_lang_field', 'civic-widgets', 'civic_widgets_defaults', array( 'label_for' => 'civic_widgets_lang' ) );
}
add_action( 'admin_init', 'civic_widgets_register_settings' );

/** A notice on the settings page (the options may also be saved outside the admin: no notice there). */
function civic_widgets_settings_error( $setting, $message ) {
	if ( function_exists( 'add_settings_error' ) ) {
		add_settings_error( $setting, $setting, $message );
	}
}

/**
 * @param mixed $value The submitted endpoint.
 * @return string An http(s) URL without trailing slash, '' to clear it, or the previous value when invalid.
 */
function civic_widgets_sanitize_endpoint( $value ) {
	$value = trim( (string) $value );
	if ( '' === $value ) {
		return '';
	}
	$url = esc_url_raw( $value, array( 'http', 'https' ) );
	if ( ! preg_match( '~^https?://[^/\s?#]+~i', $url ) ) {
		civic_widgets_settings_error( 'civic_widgets_endpoint', civic_widgets__( 'settings.endpoint.bad' ) );
		return civic_widgets_default_endpoint();
	}
	return untrailingslashit( $url );
}

/**
 * @param mixed $value The submitted language.
 * @return string One of the widgets' languages, '' for the page's, or the previous value when unknown.
 */
function civic_widgets_sanitize_lang( $value ) {
	$value     = trim( (string) $value );
	$languages = civic_widgets_build()['languages'];
	if ( '' === $value || in_array( $value, $languages, true ) ) {
		return $value;
	}
	civic_widgets_settings_error( 'civic_widgets_lang', civic_widgets__( 'settings.lang.bad', $value, implode( ', ', $languages ) ) );
	return civic_widgets_default_lang();
}

/** The endpoint field. */
function civic_widgets_endpoint_field() {
	printf(
		'<input type="url" class="regular-text code" id="civic_widgets_endpoint" name="civic_widgets_endpoint" value="%s" placeholder="https://participation.example.org/api"><p class="description">%s</p>',
		esc_attr( civic_widgets_default_endpoint() ),
		esc_html( civic_widgets__( 'settings.endpoint.help', untrailingslashit( home_url( '', is_ssl() ? 'https' : 'http' ) ) ) )
	);
}

/** The language field: the page's language, or one of the widgets'. */
function civic_widgets_lang_field() {
	$current = civic_widgets_default_lang();
	echo '<select id="civic_widgets_lang" name="civic_widgets_lang">';
	printf( '<option value="">%s</option>', esc_html( civic_widgets__( 'settings.lang.page', str_replace( '_', '-', get_option( 'WPLANG' ) ?: 'en_US' ) ) ) );
	foreach ( civic_widgets_build()['languages'] as $lang ) {
		printf( '<option value="%1$s"%2$s>%1$s</option>', esc_attr( $lang ), selected( $current, $lang, false ) );
	}
	printf( '</select><p class="description">%s</p>', esc_html( civic_widgets__( 'settings.lang.help' ) ) );
}

/** Settings → Civic widgets. */
function civic_widgets_add_settings_page() {
	add_options_page( civic_widgets__( 'settings.title' ), civic_widgets__( 'settings.menu' ), 'manage_options', 'civic-widgets', 'civic_widgets_settings_page' );
}
add_action( 'admin_menu', 'civic_widgets_add_settings_page' );

/** The settings page, with the shortcodes and their attributes (from custom-elements.json). */
function civic_widgets_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html( civic_widgets__( 'settings.title' ) ) . '</h1>';
	echo '<p>' . esc_html( civic_widgets__( 'settings.intro' ) ) . '</p>';
	echo '<form action="options.php" method="post">';
	settings_fields( 'civic_widgets' );
	do_settings_sections( 'civic-widgets' );
	submit_button();
	echo '</form>';

	echo '<h2>' . esc_html( civic_widgets__( 'settings.usage' ) ) . '</h2>';
	echo '<p>' . esc_html( civic_widgets__( 'settings.usage.intro', 'civic-widgets.js' ) ) . '</p>';
	echo '<table class="widefat striped"><thead><tr>';
	foreach ( array( 'settings.table.widget', 'settings.table.short', 'settings.table.attrs' ) as $key ) {
		echo '<th scope="col">' . esc_html( civic_widgets__( $key ) ) . '</th>';
	}
	echo '</tr></thead><tbody>';
	foreach ( civic_widgets_definitions() as $widget => $definition ) {
		$names = array_keys( $definition['attributes'] );
		$names[] = 'lang';
		$title = civic_widgets_maybe__( 'block.' . $widget ) ?? $definition['tag'];
		echo '<tr><td>' . esc_html( $title ) . '<br><small>' . esc_html( $definition['summary'] ) . '</small></td>';
		echo '<td><code>[' . esc_html( $definition['shortcode'] ) . ']</code></td>';
		echo '<td><code>' . implode( '</code> <code>', array_map( 'esc_html', $names ) ) . '</code></td></tr>';
	}
	echo '</tbody></table></div>';
}

/** A "Settings" link on the Plugins screen. */
function civic_widgets_action_links( $links ) {
	array_unshift( $links, '<a href="' . esc_url( admin_url( 'options-general.php?page=civic-widgets' ) ) . '">' . esc_html( civic_widgets__( 'settings.menu' ) ) . '</a>' );
	return $links;
}
add_filter( 'plugin_action_links_' . plugin_basename( CIVIC_WIDGETS_FILE ), 'civic_widgets_action_links' );

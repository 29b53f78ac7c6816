<?php
/**
 * Deleting the plugin deletes its two options (on every site of a network).
 *
 * @package CivicWidgets
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

foreach ( ( is_multisite() ? get_sites( array( 'fields' => 'ids' ) ) : array( 0 ) ) as $civic_widgets_site ) {
	if ( $civic_widgets_site ) {
		switch_to_blog( $civic_widgets_site );
	}
	delete_option( 'civic_widgets_endpoint' );
	delete_option( 'civic_widgets_lang' );
	if ( $civic_widgets_site ) {
		restore_current_blog();
	}
}

<?php
/**
 * The plugin's own strings (admin, block editor) in English and French, chosen by the user's locale
 * in the admin and the site's locale elsewhere (determine_locale()). The widgets translate
 * themselves; their language follows the page or the `lang` attribute.
 *
 * @package CivicWidgets
 */

defined( 'ABSPATH' ) || exit;

/** @return array<string, array<string, string>> Strings by language, then key. */
function civic_widgets_strings() {
	return array(
		'en' => array(
			'notice.unpackaged'       => 'Civic widgets is missing its generated files (the widgets\' code and list): build the plugin with `npm run wordpress:package` in the civic-widgets repository and install dist/wordpress/civic-widgets.zip.',
			'settings.menu'           => 'Civic widgets',
			'settings.title'          => 'Civic widgets',
			'settings.intro'          => 'Default values for the shortcodes and blocks that do not set them.',
			'settings.endpoint'       => 'Backend address (endpoint)',
			'settings.endpoint.help'  => 'The API base URL of your civic-widgets backend, e.g. https://participation.example.org/api. The backend must accept requests from this site: add %s to its CIVIC_ALLOWED_ORIGINS.',
			'settings.endpoint.bad'   => 'The backend address must start with http:// or https://, e.g. https://participation.example.org/api. The previous address is kept.',
			'settings.lang'           => 'Language',
			'settings.lang.page'      => 'The page\'s language (%s)',
			'settings.lang.help'      => 'The widgets\' language when a shortcode or a block does not set lang.',
			'settings.lang.bad'       => 'The widgets do not speak "%1$s"; choose one of: %2$s. The previous language is kept.',
			'settings.usage'          => 'Using the widgets',
			'settings.usage.intro'    => 'Each widget is a block (type "civic" in the block inserter; its options are in the block sidebar) and a shortcode. A shortcode takes exactly the attributes of the widget\'s element, plus lang. The widgets\' code (%s) comes with this plugin and is loaded only on the pages that show a widget.',
			'settings.table.widget'   => 'Widget',
			'settings.table.short'    => 'Shortcode',
			'settings.table.attrs'    => 'Attributes',
			'editor.options'          => 'Options',
			'editor.endpoint.default' => 'Empty: %s (Settings → Civic widgets).',
			'editor.endpoint.none'    => 'No default address yet: set one in Settings → Civic widgets, or here.',
			'editor.lang'             => 'Language (lang)',
			'editor.lang.default'     => 'Default (Settings → Civic widgets)',
			'editor.missing'          => 'Set "%s" in the block settings (sidebar) to show the widget.',
			'editor.preview'          => 'Preview: the widget answers on the published page.',
			'editor.default'          => 'Default: %s',
			'block.survey'            => 'Survey',
			'block.vote'              => 'Vote',
			'block.petition'          => 'Petition',
			'block.map-report'        => 'Street report',
			'block.comments'          => 'Comments',
			'block.comment-count'     => 'Comment count',
			'attr.endpoint'           => 'Backend address (endpoint)',
			'attr.heading-level'      => 'Heading level (heading-level)',
		),
		'fr' => array(
			'notice.unpackaged'       => 'Il manque à Civic widgets ses fichiers générés (le code et la liste des modules) : construisez l\'extension avec `npm run wordpress:package` dans le dépôt civic-widgets et installez dist/wordpress/civic-widgets.zip.',
			'settings.menu'           => 'Modules citoyens',
			'settings.title'          => 'Modules citoyens (Civic widgets)',
			'settings.intro'          => 'Valeurs par défaut des shortcodes et des blocs qui ne les précisent pas.',
			'settings.endpoint'       => 'Adresse du serveur (endpoint)',
			'settings.endpoint.help'  => 'L\'adresse de base de l\'API de votre serveur civic-widgets, par exemple https://participation.example.org/api. Le serveur doit accepter les requêtes de ce site : ajoutez %s à sa variable CIVIC_ALLOWED_ORIGINS.',
			'settings.endpoint.bad'   => 'L\'adresse du serveur doit commencer par http:// ou https://, par exemple https://participation.example.org/api. L\'adresse précédente est conservée.',
			'settings.lang'           => 'Langue',
			'settings.lang.page'      => 'Celle de la page (%s)',
			'settings.lang.help'      => 'La langue des modules quand un shortcode ou un bloc ne précise pas lang.',
			'settings.lang.bad'       => 'Les modules ne parlent pas « %1$s » ; choisissez parmi : %2$s. La langue précédente est conservée.',
			'settings.usage'          => 'Utiliser les modules',
			'settings.usage.intro'    => 'Chaque module est un bloc (tapez « civic » dans l\'outil d\'insertion ; ses options sont dans la barre latérale du bloc) et un shortcode. Un shortcode prend exactement les attributs de l\'élément du module, plus lang. Le code des modules (%s) est fourni par cette extension et chargé seulement sur les pages qui affichent un module.',
			'settings.table.widget'   => 'Module',
			'settings.table.short'    => 'Shortcode',
			'settings.table.attrs'    => 'Attributs',
			'editor.options'          => 'Options',
			'editor.endpoint.default' => 'Vide : %s (Réglages → Modules citoyens).',
			'editor.endpoint.none'    => 'Pas encore d\'adresse par défaut : indiquez-la dans Réglages → Modules citoyens, ou ici.',
			'editor.lang'             => 'Langue (lang)',
			'editor.lang.default'     => 'Par défaut (Réglages → Modules citoyens)',
			'editor.missing'          => 'Renseignez « %s » dans les réglages du bloc (barre latérale) pour afficher le module.',
			'editor.preview'          => 'Aperçu : le module répond sur la page publiée.',
			'editor.default'          => 'Par défaut : %s',
			'block.survey'            => 'Questionnaire',
			'block.vote'              => 'Vote',
			'block.petition'          => 'Pétition',
			'block.map-report'        => 'Signalement',
			'block.comments'          => 'Commentaires',
			'block.comment-count'     => 'Nombre de commentaires',
			'attr.endpoint'           => 'Adresse du serveur (endpoint)',
			'attr.heading-level'      => 'Niveau de titre (heading-level)',
		),
	);
}

/** The language of the plugin's strings for the current request: `fr` for any French locale, else `en`. */
function civic_widgets_ui_language() {
	$locale = function_exists( 'determine_locale' ) ? determine_locale() : get_locale();
	return 0 === strpos( (string) $locale, 'fr' ) ? 'fr' : 'en';
}

/**
 * A string of the plugin, in the current language (English when a key has no translation), with
 * sprintf() arguments.
 *
 * @param string $key     Key in civic_widgets_strings().
 * @param mixed  ...$args Values for the placeholders.
 * @return string Plain text: escape it where it is printed.
 */
function civic_widgets__( $key, ...$args ) {
	$strings = civic_widgets_strings();
	$lang    = civic_widgets_ui_language();
	$text    = $strings[ $lang ][ $key ] ?? $strings['en'][ $key ] ?? $key;
	return $args ? vsprintf( $text, $args ) : $text;
}

/** @return string|null The translated string for $key, or null when there is none. */
function civic_widgets_maybe__( $key ) {
	$strings = civic_widgets_strings();
	return $strings[ civic_widgets_ui_language() ][ $key ] ?? $strings['en'][ $key ] ?? null;
}

/**
 * The blocks in the editor: one per widget, with the widget's options in the block sidebar and
 * the real widget as the preview (inert: it answers on the published page). Plain JavaScript on
 * the wp.* globals, no build step. The block list, the attributes and the strings come from
 * window.civicWidgetsEditor (includes/blocks.php), itself generated from custom-elements.json.
 * The page itself is rendered on the server (save returns null).
 */
( function ( wp, data ) {
	'use strict';
	if ( ! wp || ! data ) {
		return;
	}
	var el = wp.element.createElement;
	var Fragment = wp.element.Fragment;
	var InspectorControls = wp.blockEditor.InspectorControls;
	var useBlockProps = wp.blockEditor.useBlockProps;
	var c = wp.components;

	function t( key, arg ) {
		var s = data.strings[ key ] || key;
		return arg === undefined ? s : s.replace( '%s', arg );
	}

	/** The help under a control: the manifest's description (without Markdown backticks) and the default. */
	function help( name, a ) {
		var text = ( a.description || '' ).replace( /`/g, '' );
		if ( name === 'endpoint' ) {
			text += ' ' + ( data.endpoint ? t( 'editor.endpoint.default', data.endpoint ) : t( 'editor.endpoint.none' ) );
		} else if ( a.default !== undefined && a.type !== 'boolean' ) {
			text += ' ' + t( 'editor.default', String( a.default ) );
		}
		return text;
	}

	/** One sidebar control for one attribute of the element, by its type in custom-elements.json. */
	function control( name, a, value, set ) {
		var label = data.strings[ 'attr.' + name ] || name;
		var common = { key: name, label: label, help: help( name, a ) };
		if ( a.options ) {
			return el( c.SelectControl, Object.assign( common, {
				value: value === undefined ? '' : value,
				options: [ { label: '—', value: '' } ].concat( a.options.map( function ( o ) {
					return { label: o, value: o };
				} ) ),
				onChange: function ( v ) {
					set( v === '' ? undefined : v );
				},
			} ) );
		}
		if ( a.type === 'boolean' ) {
			return el( c.ToggleControl, Object.assign( common, {
				checked: value === undefined ? !! a.default : !! value,
				onChange: function ( v ) {
					set( v ? true : undefined );
				},
			} ) );
		}
		return el( c.TextControl, Object.assign( common, {
			type: a.type === 'number' ? 'number' : name === 'endpoint' ? 'url' : 'text',
			value: value === undefined ? '' : String( value ),
			placeholder: name === 'endpoint' ? data.endpoint : a.default !== undefined ? String( a.default ) : '',
			onChange: function ( v ) {
				if ( v === '' ) {
					set( undefined );
				} else {
					set( a.type === 'number' ? ( isNaN( Number( v ) ) ? undefined : Number( v ) ) : v );
				}
			},
		} ) );
	}

	/** The element's attributes for the preview, with the defaults of the settings. */
	function elementAttributes( def, attributes ) {
		var out = {};
		Object.keys( def.attributes ).forEach( function ( name ) {
			var v = attributes[ name ];
			if ( v === undefined || v === '' || v === false ) {
				return;
			}
			out[ name ] = v === true ? '' : String( v );
		} );
		if ( def.attributes.endpoint && ! out.endpoint && data.endpoint ) {
			out.endpoint = data.endpoint;
		}
		var lang = attributes.lang || data.lang;
		if ( lang ) {
			out.lang = lang;
		}
		return out;
	}

	Object.keys( data.widgets ).forEach( function ( widget ) {
		var def = data.widgets[ widget ];
		var names = Object.keys( def.attributes );
		// The attribute naming what to show (survey-id, vote-id, thread-id…): the first "-id" one.
		var idName = names.filter( function ( n ) {
			return /-id$/.test( n );
		} )[ 0 ];

		wp.blocks.registerBlockType( 'civic-widgets/' + widget, {
			edit: function ( props ) {
				var attributes = props.attributes;
				var controls = names.map( function ( name ) {
					return control( name, def.attributes[ name ], attributes[ name ], function ( v ) {
						var change = {};
						change[ name ] = v;
						props.setAttributes( change );
					} );
				} );
				controls.push( el( c.SelectControl, {
					key: 'lang',
					label: t( 'editor.lang' ),
					value: attributes.lang || '',
					options: [ { label: t( 'editor.lang.default' ), value: '' } ].concat( data.languages.map( function ( l ) {
						return { label: l, value: l };
					} ) ),
					onChange: function ( v ) {
						props.setAttributes( { lang: v || undefined } );
					},
				} ) );

				var blockProps = useBlockProps( { className: 'civic-widgets-block' } );
				var body;
				if ( idName && ! attributes[ idName ] ) {
					body = el( c.Placeholder, { icon: 'groups', label: props.name && wp.blocks.getBlockType( props.name ).title, instructions: t( 'editor.missing', idName ) } );
				} else {
					var attrs = elementAttributes( def, attributes );
					body = el( 'div', { className: 'civic-widgets-block__preview' },
						el( 'p', { className: 'civic-widgets-block__label' }, t( 'editor.preview' ) ),
						el( c.Disabled, null, el( def.tag, Object.assign( { key: JSON.stringify( attrs ) }, attrs ) ) )
					);
				}
				return el( Fragment, null,
					el( InspectorControls, null, el( c.PanelBody, { title: t( 'editor.options' ), initialOpen: true }, controls ) ),
					el( 'div', blockProps, body )
				);
			},
			save: function () {
				return null;
			},
		} );
	} );
}( window.wp, window.civicWidgetsEditor ) );

import type { AccessMessages } from '../access.messages.js';

const nl: AccessMessages = {
  code: 'Uitnodigingscode',
  codeHint: 'De code die op uw uitnodiging staat.',
  codeRequired: 'Vul uw uitnodigingscode in.',
  invalid_code: 'Deze code is niet geldig. Controleer hem en probeer het opnieuw.',
  code_used: 'Met deze code is al gestemd.',
  wrong_district: 'Deze code hoort bij een andere wijk: sommige projecten die u hebt gekozen, liggen daar niet.',
  eligibility: 'Voordat u stemt',
  mustAnswer: 'Beantwoord deze vraag.',
  mustBeYes: 'Alleen wie aan deze voorwaarde voldoet, mag stemmen.',
};

export default nl;

// Every word the e-mails say, in the three languages the product speaks. es and en must have every
// key pt-BR has: the type makes a missing translation a compile error.

const ptBR = {
  digestSubject: (matches: number) => (matches === 1 ? 'Sua semana: 1 vaga nova para você' : `Sua semana: ${matches} vagas novas para você`),
  digestQuietSubject: 'Sua semana no mercado de dados e IA',
  greeting: (name: string) => `Olá, ${name}!`,
  digestIntro: (start: string, end: string) => `O resumo da sua semana de ${start} a ${end}.`,
  newMatches: 'Melhores vagas novas para você',
  noNewMatches: 'Nenhuma vaga nova acima do seu limite esta semana.',
  score: 'compatibilidade',
  why: 'Por quê',
  components: { skills: 'habilidades', experience: 'experiência', location: 'local e fuso', salary: 'salário', language: 'idioma', recency: 'recência' } as Record<string, string>,
  salary: 'Salário',
  openJob: 'Ver vaga',
  marketTitle: 'O mercado para as suas habilidades',
  skill: 'Habilidade',
  jobsLast30: 'Vagas (30 dias)',
  change: 'Variação',
  medianPay: 'Mediana (US$/mês)',
  noMarket: 'Ainda não há dados de mercado para as suas habilidades.',
  gapTitle: 'Seu plano de estudos',
  learning: 'Estudando',
  learned: 'Aprendidas',
  nextSkills: 'Próximas habilidades sugeridas',
  followUpsTitle: 'Candidaturas para acompanhar',
  due: 'até',
  alertSubject: (matches: number) => (matches === 1 ? '1 vaga nova com alta compatibilidade' : `${matches} vagas novas com alta compatibilidade`),
  alertIntro: 'Encontramos vagas novas acima do seu limite de compatibilidade:',
  footerWhy: 'Você recebe este e-mail porque ativou os resumos nas configurações.',
  unsubscribe: 'Cancelar inscrição',
  settings: 'Configurações de e-mail',
};

export type EmailText = typeof ptBR;

const es: EmailText = {
  digestSubject: (matches) => (matches === 1 ? 'Tu semana: 1 vacante nueva para ti' : `Tu semana: ${matches} vacantes nuevas para ti`),
  digestQuietSubject: 'Tu semana en el mercado de datos e IA',
  greeting: (name) => `¡Hola, ${name}!`,
  digestIntro: (start, end) => `El resumen de tu semana del ${start} al ${end}.`,
  newMatches: 'Las mejores vacantes nuevas para ti',
  noNewMatches: 'Ninguna vacante nueva superó tu umbral esta semana.',
  score: 'compatibilidad',
  why: 'Por qué',
  components: { skills: 'habilidades', experience: 'experiencia', location: 'ubicación y zona horaria', salary: 'salario', language: 'idioma', recency: 'actualidad' },
  salary: 'Salario',
  openJob: 'Ver vacante',
  marketTitle: 'El mercado para tus habilidades',
  skill: 'Habilidad',
  jobsLast30: 'Vacantes (30 días)',
  change: 'Variación',
  medianPay: 'Mediana (US$/mes)',
  noMarket: 'Todavía no hay datos de mercado para tus habilidades.',
  gapTitle: 'Tu plan de estudio',
  learning: 'Aprendiendo',
  learned: 'Aprendidas',
  nextSkills: 'Próximas habilidades sugeridas',
  followUpsTitle: 'Postulaciones para dar seguimiento',
  due: 'hasta',
  alertSubject: (matches) => (matches === 1 ? '1 vacante nueva muy compatible' : `${matches} vacantes nuevas muy compatibles`),
  alertIntro: 'Encontramos vacantes nuevas por encima de tu umbral de compatibilidad:',
  footerWhy: 'Recibes este correo porque activaste los resúmenes en la configuración.',
  unsubscribe: 'Darse de baja',
  settings: 'Configuración de correo',
};

const en: EmailText = {
  digestSubject: (matches) => (matches === 1 ? 'Your week: 1 new job for you' : `Your week: ${matches} new jobs for you`),
  digestQuietSubject: 'Your week in the data and AI job market',
  greeting: (name) => `Hi ${name},`,
  digestIntro: (start, end) => `Your summary for the week of ${start} to ${end}.`,
  newMatches: 'Best new jobs for you',
  noNewMatches: 'No new job passed your threshold this week.',
  score: 'match',
  why: 'Why',
  components: { skills: 'skills', experience: 'experience', location: 'location and time zone', salary: 'salary', language: 'language', recency: 'recency' },
  salary: 'Salary',
  openJob: 'View job',
  marketTitle: 'The market for your skills',
  skill: 'Skill',
  jobsLast30: 'Jobs (30 days)',
  change: 'Change',
  medianPay: 'Median (US$/month)',
  noMarket: 'No market data for your skills yet.',
  gapTitle: 'Your learning plan',
  learning: 'Learning',
  learned: 'Learned',
  nextSkills: 'Suggested next skills',
  followUpsTitle: 'Applications to follow up',
  due: 'due',
  alertSubject: (matches) => (matches === 1 ? '1 new high match' : `${matches} new high matches`),
  alertIntro: 'We found new jobs above your match threshold:',
  footerWhy: 'You get this e-mail because you turned summaries on in your settings.',
  unsubscribe: 'Unsubscribe',
  settings: 'E-mail settings',
};

const TEXTS: Record<string, EmailText> = { 'pt-BR': ptBR, es, en };
export const EMAIL_LOCALES = Object.keys(TEXTS);

export function emailText(locale: string): EmailText {
  return TEXTS[locale] ?? ptBR;
}

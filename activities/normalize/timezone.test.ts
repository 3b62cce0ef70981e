import { describe, expect, it } from 'vitest';
import { overlapHours, parseTimezoneWindow, utcOffsetHours, type TimezoneWindow } from './timezone.js';

describe('parseTimezoneWindow', () => {
  it.each<[string, number, number, string]>([
    ['UTC-3 to UTC+1', -3, 1, 'UTC-3 to UTC+1'],
    ['Team hours: UTC-5 to -3', -5, -3, 'UTC-5 to -3'],
    ['between UTC−3 and UTC+2', -3, 2, 'UTC−3 and UTC+2'],
    ['GMT-5', -5, -5, 'GMT-5'],
    ['GMT -03:00', -3, -3, 'GMT -03:00'],
    ['UTC+05:30', 5.5, 5.5, 'UTC+05:30'],
    ['Work in UTC', 0, 0, 'UTC'],
    ['EST', -5, -5, 'EST'],
    ['EDT', -5, -5, 'EDT'],
    ['PST', -8, -8, 'PST'],
    ['ET ± 3 hours', -8, -2, 'ET ± 3 hours'],
    ['ET +/- 2h', -7, -3, 'ET +/- 2h'],
    ['±3 hours of ET', -8, -2, '±3 hours of ET'],
    ['within 3 hours of Pacific Time', -11, -5, 'within 3 hours of Pacific Time'],
    ['Must be able to overlap with PST', -8, -8, 'PST'],
    ['BRT', -3, -3, 'BRT'],
    ['CET', 1, 1, 'CET'],
    ['Central European Time', 1, 1, 'Central European Time'],
    ['Trabalho no horário de Brasília', -3, -3, 'horário de Brasília'],
    ['compatível com o fuso de Brasília (GMT-3)', -3, -3, 'fuso de Brasília (GMT-3)'],
    ['GMT-3 +/- 2 horas', -5, -1, 'GMT-3 +/- 2 horas'],
    ['EST/PST business hours', -8, -5, 'EST/PST'],
    ['EST, CST or PST', -8, -5, 'EST, CST or PST'],
    ['must overlap 4 hours with Eastern Time', -5, -5, 'Eastern Time'],
    ['Must overlap at least 5 hours with US Central time.', -6, -6, 'US Central time'],
    ['Horario: 9 a 18 hs, hora de Argentina', -3, -3, 'hora de Argentina'],
    ['Horario laboral en hora del Pacífico', -8, -8, 'hora del Pacífico'],
    ['Working in US time zones', -8, -5, 'US time zones'],
    ['European business hours', 0, 2, 'European business hours'],
    ['Available in LATAM time zones', -6, -3, 'LATAM time zones'],
    ['Disponibilidad en horario LATAM', -6, -3, 'horario LATAM'],
    ['Team in PT and ET time zones', -8, -5, 'PT and ET'],
    ['Our office is in Berlin (CET). You must overlap 4 hours with EST.', -5, -5, 'EST'],
  ])('%s → [%d, %d]', (text, min, max, span) => {
    expect(parseTimezoneWindow(text)).toEqual({ minUtcOffset: min, maxUtcOffset: max, text: span });
  });

  it.each([
    ['Fluent in PT and EN'],
    ['STATE OF THE ART models'],
    ['Interface em PT-BR'],
    ['Experience with AST parsing and compilers'],
    ['Salário em R$ 12.000'],
    ['Vaga CLT com benefícios'],
    ['ESTÁGIO EM DADOS'],
    ['Trabalho 100% remoto'],
    [''],
  ])('%j names no time zone', (text) => {
    expect(parseTimezoneWindow(text)).toBeNull();
  });
});

describe('utcOffsetHours', () => {
  const january = new Date('2026-01-15T12:00:00Z');
  const july = new Date('2026-07-15T12:00:00Z');
  it.each<[string, Date, number]>([
    ['America/Sao_Paulo', january, -3],
    ['America/Sao_Paulo', july, -3],
    ['America/Bogota', january, -5],
    ['Asia/Kolkata', january, 5.5],
    ['UTC', january, 0],
    ['America/New_York', january, -5],
    ['America/New_York', july, -4],
    ['Europe/Madrid', july, 2],
  ])('%s at %s → %d', (zone, at, offset) => {
    expect(utcOffsetHours(zone, at)).toBe(offset);
  });
});

describe('overlapHours', () => {
  const window = (min: number, max: number): TimezoneWindow => ({ minUtcOffset: min, maxUtcOffset: max, text: '' });
  const january = new Date('2026-01-15T12:00:00Z');
  it.each<[string, TimezoneWindow, string, [number, number] | undefined, number]>([
    ['same zone, whole day', window(-3, -3), 'America/Sao_Paulo', undefined, 9],
    ['Eastern from São Paulo', window(-5, -5), 'America/Sao_Paulo', undefined, 7],
    ['Pacific from São Paulo', window(-8, -8), 'America/Sao_Paulo', undefined, 4],
    ['ET ± 3 hours from São Paulo', window(-8, -2), 'America/Sao_Paulo', undefined, 9],
    ['CET from São Paulo', window(1, 1), 'America/Sao_Paulo', undefined, 5],
    ['Eastern from Bogotá', window(-5, -5), 'America/Bogota', undefined, 9],
    ['Eastern from Tokyo', window(-5, -5), 'Asia/Tokyo', undefined, 0],
    ['across midnight UTC: São Paulo job from Tokyo', window(-3, -3), 'Asia/Tokyo', undefined, 0],
    ['India from Europe, half hours', window(5.5, 5.5), 'UTC', undefined, 3.5],
    ['a window wider than a day covers the whole workday', window(-12, 14), 'Asia/Tokyo', undefined, 9],
    ['a shorter workday', window(-5, -5), 'America/Sao_Paulo', [13, 17], 4],
    ['an early workday', window(-8, -8), 'America/Sao_Paulo', [7, 15], 1],
  ])('%s', (_name, w, zone, workday, hours) => {
    expect(overlapHours(w, zone, workday, january)).toBe(hours);
  });

  it('works from a parsed window, with the default workday and the current offset', () => {
    const parsed = parseTimezoneWindow('must overlap 4 hours with Eastern Time');
    expect(parsed).not.toBeNull();
    expect(overlapHours(parsed!, 'America/Sao_Paulo')).toBe(7);
  });
});

/*
 * The real-world Compose files the sample tests read live beside the repository, in
 * `../shared/fixtures/compose-samples` (not ours to copy in). Tests that read them skip, saying
 * why, when that folder is absent (a clone of the repository alone).
 */

/** Where the samples are, relative to a test file in `shared/compose/`. */
export const SAMPLES_FROM_COMPOSE_TESTS = '../../../shared/fixtures/compose-samples';

export const SAMPLES_ABSENT_REASON = '../shared/fixtures is not beside the repository';

/** The variables the samples interpolate; the same values go to docker-compose and to the importer. */
export const SAMPLE_ENV: Readonly<Record<string, string>> = {
  TIMEZONE: 'Europe/Paris',
  PIHOLE_PW: 'secret',
  PIHOLE_ROUTER_IP: '192.168.1.1',
  PIHOLE_NETWORK_DOMAIN: 'lan',
  PIHOLE_REVERSE_DNS: '192.168.1.0/24',
  PIHOLE_HOST_IP: '192.168.1.2',
  PIHOLE_HOST_IPV6: 'fe80::1',
  PLEX_MEDIA_PATH: '/srv/media',
};

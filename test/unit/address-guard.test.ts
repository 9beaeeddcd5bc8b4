import { describe, expect, it } from '@jest/globals';
import { createServer, type AddressInfo } from 'node:net';
import { isPublicAddress, outboundNetwork, publicTarget, refusedUrl } from '../../shared/outbound/public-address';

/**
 * The attack: an admin set the age-verification endpoint to an address inside the network and
 * the service posted a person's identity there. Only public addresses may be called; these
 * checks need no network (literals, and `localhost` from the hosts file).
 */
describe('Module: outbound/public-address', () => {
  describe('Method: isPublicAddress', () => {
    it.each([
      '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '169.254.0.1',
      '100.64.0.1', '100.127.255.254', '0.0.0.0', '255.255.255.255', '224.0.0.1',
      '::', '::1', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'febf::1', 'ff02::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::7f00:1', '::127.0.0.1',
      'not an address', '',
    ])('refuses %s', (address) => {
      expect(isPublicAddress(address)).toBe(false);
    });

    it.each(['8.8.8.8', '93.184.215.14', '172.32.0.1', '100.128.0.1', '169.253.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
      expect(isPublicAddress(address)).toBe(true);
    });
  });

  describe('Method: publicTarget', () => {
    it.each([
      'http://93.184.215.14/verify',
      'https://127.0.0.1:8443/',
      'https://localhost/verify',
      'https://[::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.5/',
      'https://0.0.0.0/',
      'https://2130706433/', // 127.0.0.1 written as one number
    ])('refuses %s before connecting', async (endpoint) => {
      await expect(publicTarget(endpoint)).rejects.toThrow(/not https|not a public address/);
    });

    it('allows plain http://127.0.0.1 only where the local policy says so (a webhook receiver under npm start), never by default', async () => {
      expect(refusedUrl('http://127.0.0.1:8080/hooks')).toBeDefined();
      await expect(publicTarget('http://127.0.0.1:8080/hooks')).rejects.toThrow(/not https/);
      expect(refusedUrl('http://127.0.0.1:8080/hooks', { allowLoopbackHttp: true })).toBeUndefined();
      await expect(publicTarget('http://127.0.0.1:8080/hooks', { allowLoopbackHttp: true })).resolves.toMatchObject({ address: '127.0.0.1' });
      // Only that loopback address, and only over http: nothing else inside gets through the allowance.
      await expect(publicTarget('http://10.0.0.1/', { allowLoopbackHttp: true })).rejects.toThrow(/not https/);
      await expect(publicTarget('https://127.0.0.1/', { allowLoopbackHttp: true })).rejects.toThrow(/not a public address/);
    });

    it('returns the checked address of a public host, which is the one the call connects to', async () => {
      await expect(publicTarget('https://93.184.215.14/verify')).resolves.toMatchObject({ address: '93.184.215.14', family: 4 });
    });
  });

  describe('Method: outboundNetwork.post', () => {
    it('connects to the address that was checked, not to a second DNS answer, and still names the host for TLS', async () => {
      // A bare TCP listener: it sees whether a connection arrives and the TLS hello's server name.
      const hellos: Buffer[] = [];
      const server = createServer((socket) => socket.once('data', (data: Buffer) => { hellos.push(data); socket.destroy(); }));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        // `age-provider.invalid` can never resolve: reaching the listener proves no lookup was made.
        const target = { url: new URL(`https://age-provider.invalid:${port}/verify`), address: '127.0.0.1', family: 4 };
        await expect(outboundNetwork.post(target, '{}', { timeoutMs: 2000 })).rejects.toThrow();
        expect(hellos).toHaveLength(1);
        expect(hellos[0]!.includes(Buffer.from('age-provider.invalid'))).toBe(true);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });
});
